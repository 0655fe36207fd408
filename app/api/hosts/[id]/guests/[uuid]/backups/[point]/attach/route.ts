import { guestScope } from "@/lib/guests/types";
import { attachPointDisk } from "@/lib/server/guest-backups/attach-point-disk";
import { route } from "@/lib/server/http/route";
import { attachPointDiskSchema, backupPointRouteParams } from "@/lib/validations/guest-backups";

/** One disk of a point attached to another guest: restore rights here, device editing there (checked by the verb). */
export const POST = route(
  { permission: "guest.manage", params: backupPointRouteParams, scope: guestScope, body: attachPointDiskSchema },
  async ({ ctx, params, body }) => attachPointDisk(ctx, { ...params, ...body }),
);
