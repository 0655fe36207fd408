import { guestScope } from "@/lib/guests/types";
import { restoreBackupPoint } from "@/lib/server/guest-backups/restore-point";
import { route } from "@/lib/server/http/route";
import { backupPointRouteParams, restorePointSchema } from "@/lib/validations/guest-backups";

export const POST = route(
  { permission: "guest.manage", params: backupPointRouteParams, scope: guestScope, body: restorePointSchema },
  async ({ ctx, params, body }) => restoreBackupPoint(ctx, { ...params, ...body }),
);
