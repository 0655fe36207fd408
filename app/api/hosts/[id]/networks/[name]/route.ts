import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { deleteNetwork } from "@/lib/server/networks/delete-network";
import { getNetwork } from "@/lib/server/networks/get-network";
import { networkAction } from "@/lib/server/networks/network-action";
import { updateNetwork } from "@/lib/server/networks/update-network";
import { networkActionSchema, networkEditSchema, networkRouteParams } from "@/lib/validations/networks";

const spec = { params: networkRouteParams, scope: hostScope };

export const GET = route({ ...spec, permission: "network.view" }, async ({ params }) => getNetwork(params.hostId, params.name));

/** Start or stop: { action: "start" | "stop" }. */
export const POST = route({ ...spec, permission: "network.manage", body: networkActionSchema }, async ({ actor, ip, params, body }) =>
  networkAction(actor, ip, params.hostId, params.name, body.action),
);

/** Autostart, or one live change (static DHCP host, DHCP range, DNS host). */
export const PATCH = route({ ...spec, permission: "network.manage", body: networkEditSchema }, async ({ actor, ip, params, body }) =>
  updateNetwork(actor, ip, params.hostId, params.name, body),
);

export const DELETE = route({ ...spec, permission: "network.manage" }, async ({ actor, ip, params }) =>
  deleteNetwork(actor, ip, params.hostId, params.name),
);
