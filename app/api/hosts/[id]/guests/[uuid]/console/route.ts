import { z } from "zod";
import { consoleDeviceAlias, consoleKinds } from "@/lib/consoles/types";
import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { consoleOptions } from "@/lib/server/consoles/console-options";
import { mintConsoleTicket } from "@/lib/server/consoles/mint-ticket";
import { route } from "@/lib/server/http/route";

const body = z.object({
  kind: z.enum(consoleKinds),
  /** Serial: which console device (alias such as "serial0"), and whether to take it from another session. */
  device: z.string().regex(consoleDeviceAlias, "A console device alias such as serial0").optional(),
  force: z.boolean().optional(),
});

export const POST = route(
  { permission: "guest.console", params: guestRouteParams, scope: guestScope, body },
  async ({ actor, params, body }) =>
    mintConsoleTicket(actor, params.hostId, params.uuid, body.kind, { device: body.device, force: body.force }),
);

/** What can be opened: displays and text consoles (no ports, no passwords). */
export const GET = route({ permission: "guest.console", params: guestRouteParams, scope: guestScope }, async ({ params }) =>
  consoleOptions(params.hostId, params.uuid),
);
