import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { removeUnattendedMedia } from "@/lib/server/unattended/remove-media";

/** "Remove the script medium" after an unattended install: its CD-ROM leaves the definition and its volume is deleted; audited. */
export const DELETE = route({ permission: "guest.manage", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  removeUnattendedMedia(ctx, params),
);
