import { guestRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { installDraft } from "@/lib/server/new-guest/customize";

/** "Begin installation": the customized draft becomes the guest (disk, definition, start), or nothing does. */
export const POST = route({ permission: "guest.manage", params: guestRouteParams, scope: hostScope }, async ({ ctx, params }) =>
  installDraft(ctx, params),
);
