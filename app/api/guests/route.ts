import { z } from "zod";
import { listGuests } from "@/lib/server/guests/list-guests";
import { route } from "@/lib/server/http/route";

const query = z.object({ hostId: z.string().min(1).optional() });

export const GET = route({ permission: "authenticated", query }, async ({ actor, query }) => listGuests(actor, query.hostId));
