import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { deletePool } from "@/lib/server/storage/delete-pool";
import { poolDetail } from "@/lib/server/storage/pool-detail";
import { deletePoolSchema, poolRouteParams } from "@/lib/validations/storage";

/** The pool with its volumes and the guests using them. */
export const GET = route({ permission: "storage.view", params: poolRouteParams, scope: hostScope }, async ({ params }) =>
  poolDetail(params.hostId, params.pool),
);

export const DELETE = route(
  { permission: "storage.manage", params: poolRouteParams, scope: hostScope, body: deletePoolSchema },
  async ({ ctx, params, body }) => deletePool(ctx, { ...params, ...body }),
);
