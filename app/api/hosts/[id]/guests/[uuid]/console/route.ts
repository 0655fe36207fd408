import { z } from "zod";
import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { mintConsoleTicket } from "@/lib/server/consoles/mint-ticket";
import { consoleKinds } from "@/lib/server/consoles/tickets";
import { route } from "@/lib/server/http/route";

const body = z.object({
  kind: z.enum(consoleKinds),
  /** Serial: which console device (alias such as "serial0"), and whether to take it from another session. */
  device: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "A console device alias such as serial0").optional(),
  force: z.boolean().optional(),
});

export const POST = route({ permission: "guest.console", params: guestRouteParams, scope: guestScope, body }, async ({ actor, params, body }) =>
  mintConsoleTicket(actor, params.hostId, params.uuid, body.kind, { device: body.device, force: body.force }),
);
