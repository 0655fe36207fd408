import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { removeCloudInitSeed } from "@/lib/server/cloud-init/remove-seed";
import { route } from "@/lib/server/http/route";

/** "Remove the cloud-init seed" after first boot: its CD-ROM leaves the definition and its volume is deleted; audited. */
export const DELETE = route({ permission: "guest.manage", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  removeCloudInitSeed(ctx, params),
);
