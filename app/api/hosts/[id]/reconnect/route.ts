import { reconnectHost } from "@/lib/server/hosts/reconnect-host";
import { route } from "@/lib/server/http/route";
import { hostIdParams } from "@/lib/validations/hosts";

export const POST = route({ permission: "host.manage", params: hostIdParams }, async ({ ctx, params }) =>
  reconnectHost(ctx, { hostId: params.id }),
);
