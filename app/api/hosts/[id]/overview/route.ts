import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { hostOverview } from "@/lib/server/hosts/host-overview";
import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "host.view", params: hostRouteParams, scope: hostScope }, async ({ params }) =>
  hostOverview(params.hostId),
);
