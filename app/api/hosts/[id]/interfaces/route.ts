import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { listInterfaces } from "@/lib/server/networks/list-interfaces";

export const GET = route({ permission: "network.view", params: hostRouteParams, scope: hostScope }, async ({ params }) =>
  listInterfaces(params.hostId),
);
