import { guestRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { cancelDraft } from "@/lib/server/new-guest/customize";

/** "Cancel installation": the draft goes, with the volumes added to it. */
export const DELETE = route({ permission: "guest.manage", params: guestRouteParams, scope: hostScope }, async ({ ctx, params }) =>
  cancelDraft(ctx, params),
);
