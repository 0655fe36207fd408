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
export const POST = route({ ...spec, permission: "network.manage", body: networkActionSchema }, async ({ ctx, params, body }) =>
  networkAction(ctx, { ...params, ...body }),
);

/** Autostart, or one live change (static DHCP host, DHCP range, DNS host). */
export const PATCH = route({ ...spec, permission: "network.manage", body: networkEditSchema }, async ({ ctx, params, body }) =>
  updateNetwork(ctx, { ...params, edit: body }),
);

export const DELETE = route({ ...spec, permission: "network.manage" }, async ({ ctx, params }) => deleteNetwork(ctx, params));
