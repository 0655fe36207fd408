import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { createPool } from "@/lib/server/storage/create-pool";
import { listPools } from "@/lib/server/storage/list-pools";
import { createPoolRequestSchema } from "@/lib/validations/storage";

export const GET = route({ permission: "storage.view", params: hostRouteParams, scope: hostScope }, async ({ params }) => ({
  pools: await listPools(params.hostId),
}));

export const POST = route(
  { permission: "storage.manage", params: hostRouteParams, scope: hostScope, body: createPoolRequestSchema },
  async ({ ctx, params, body }) => createPool(ctx, { ...params, ...body }),
);
