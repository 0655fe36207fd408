import { hostScope } from "@/lib/guests/types";
import { listPoolPoints } from "@/lib/server/guest-backups/list-pool-points";
import { route } from "@/lib/server/http/route";
import { poolRouteParams } from "@/lib/validations/storage";

/** The restore points a pool holds, of every guest of its host: the catalogue per backup target. */
export const GET = route({ permission: "storage.view", params: poolRouteParams, scope: hostScope }, async ({ ctx, params }) =>
  listPoolPoints(ctx, params),
);
