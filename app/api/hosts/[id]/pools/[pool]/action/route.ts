import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { poolAction } from "@/lib/server/storage/pool-action";
import { poolActionSchema, poolRouteParams } from "@/lib/validations/storage";

/** Start, stop, refresh, autostart on/off. */
export const POST = route(
  { permission: "storage.manage", params: poolRouteParams, scope: hostScope, body: poolActionSchema },
  async ({ ctx, params, body }) => poolAction(ctx, { ...params, ...body }),
);
