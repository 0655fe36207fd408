import { getHostForEdit } from "@/lib/server/hosts/get-host";
import { removeHost } from "@/lib/server/hosts/remove-host";
import { updateHost } from "@/lib/server/hosts/update-host";
import { route } from "@/lib/server/http/route";
import { hostFormSchema, hostIdParams } from "@/lib/validations/hosts";

export const GET = route({ permission: "host.manage", params: hostIdParams }, async ({ params }) => getHostForEdit(params.id));

export const PATCH = route({ permission: "host.manage", params: hostIdParams, body: hostFormSchema }, async ({ ctx, params, body }) =>
  updateHost(ctx, { hostId: params.id, ...body }),
);

export const DELETE = route({ permission: "host.manage", params: hostIdParams }, async ({ ctx, params }) =>
  removeHost(ctx, { hostId: params.id }),
);
