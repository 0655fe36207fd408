import { z } from "zod";
import { guestRefSchema } from "@/lib/guests/types";
import { listPresence } from "@/lib/server/consoles/list-presence";
import { route } from "@/lib/server/http/route";

const query = z.union([z.object({ hostId: z.string().min(1), uuid: guestRefSchema.shape.uuid }), z.object({}).transform(() => undefined)]);

/** Who is on consoles: of one guest, or of every guest whose console the person may open (the helpdesk home). */
export const GET = route({ permission: "authenticated", query }, async ({ actor, query }) => listPresence(actor, query));
