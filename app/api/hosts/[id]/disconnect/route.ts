import { disconnectHost } from "@/lib/server/hosts/disconnect-host";
import { route } from "@/lib/server/http/route";
import { hostIdParams } from "@/lib/validations/hosts";

export const POST = route({ permission: "host.manage", params: hostIdParams }, async ({ ctx, params }) =>
  disconnectHost(ctx, { hostId: params.id }),
);
