import { reconnectHost } from "@/lib/server/hosts/reconnect-host";
import { route } from "@/lib/server/http/route";
import { hostIdParams } from "@/lib/validations/hosts";

export const POST = route({ permission: "host.manage", params: hostIdParams }, async ({ actor, ip, params }) =>
  reconnectHost(actor, ip, params.id),
);
