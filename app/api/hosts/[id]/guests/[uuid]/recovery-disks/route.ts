import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { listRecoveryDisks } from "@/lib/server/guest-backups/recovery-disks";
import { route } from "@/lib/server/http/route";

/** Disks of restore points attached to this guest for recovery; read like its restore points. */
export const GET = route({ permission: "storage.view", params: guestRouteParams, scope: guestScope }, async ({ ctx, params }) =>
  listRecoveryDisks(ctx, params),
);
