import { guestScope } from "@/lib/guests/types";
import { verifyBackupPoint } from "@/lib/server/guest-backups/verify-point";
import { route } from "@/lib/server/http/route";
import { backupPointRouteParams } from "@/lib/validations/guest-backups";

export const POST = route({ permission: "guest.manage", params: backupPointRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  verifyBackupPoint(ctx, params),
);
