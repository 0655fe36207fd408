import { guestScope } from "@/lib/guests/types";
import { detachRecoveryDisk } from "@/lib/server/guest-backups/detach-recovery-disk";
import { route } from "@/lib/server/http/route";
import { recoveryDiskRouteParams } from "@/lib/validations/guest-backups";

/** "Detach and discard": device editing on this guest. */
export const DELETE = route({ permission: "guest.manage", params: recoveryDiskRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  detachRecoveryDisk(ctx, params),
);
