import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { spiceFile } from "@/lib/server/consoles/spice-file";
import { route } from "@/lib/server/http/route";

/** A .vv file for remote-viewer with a two-minute password (POST: it changes the display's password). */
export const POST = route({ permission: "guest.console", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  spiceFile(ctx, params),
);
