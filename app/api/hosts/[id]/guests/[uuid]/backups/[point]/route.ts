import { guestScope } from "@/lib/guests/types";
import { deleteBackupPoint } from "@/lib/server/guest-backups/delete-point";
import { route } from "@/lib/server/http/route";
import { backupPointRouteParams } from "@/lib/validations/guest-backups";

export const DELETE = route({ permission: "guest.manage", params: backupPointRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  deleteBackupPoint(ctx, params),
);
