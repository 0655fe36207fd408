import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { createNetwork } from "@/lib/server/networks/create-network";
import { listNetworks } from "@/lib/server/networks/list-networks";
import { createNetworkSchema } from "@/lib/validations/networks";

export const GET = route({ permission: "network.view", params: hostRouteParams, scope: hostScope }, async ({ params }) =>
  listNetworks(params.hostId),
);

export const POST = route(
  { permission: "network.manage", params: hostRouteParams, scope: hostScope, body: createNetworkSchema },
  async ({ ctx, params, body }) => createNetwork(ctx, { ...params, ...body }),
);
