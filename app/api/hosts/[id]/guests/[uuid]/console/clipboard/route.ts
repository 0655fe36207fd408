import { z } from "zod";
import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { addClipboardChannel, clipboardStatus } from "@/lib/server/consoles/clipboard-channel";
import { route } from "@/lib/server/http/route";

const display = z.object({ display: z.enum(["vnc", "spice"]).default("vnc") });

/** Whether the display's clipboard channel is there (now or at the next boot) and whether the guest's agent answers. */
export const GET = route(
  { permission: "guest.console", params: guestRouteParams, scope: guestScope, query: display },
  async ({ actor, params, query }) => clipboardStatus(actor, params.hostId, params.uuid, query.display),
);

/** Adds the clipboard channel to the saved definition (next boot); a hardware change, so guest.manage. */
export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: display },
  async ({ ctx, params, body }) => addClipboardChannel(ctx, { ...params, ...body }),
);
