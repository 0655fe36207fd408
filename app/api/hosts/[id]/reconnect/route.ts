import { setHostConnection } from "@/lib/server/hosts/connection-control";
import { route } from "@/lib/server/http/route";
import { hostIdParams } from "@/lib/validations/hosts";

export const POST = route({ permission: "host.manage", params: hostIdParams }, async ({ actor, ip, params }) => setHostConnection(actor, ip, params.id, "reconnect"));
