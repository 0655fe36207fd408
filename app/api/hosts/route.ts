import { addHost } from "@/lib/server/hosts/add-host";
import { listHostSummaries } from "@/lib/server/guests/list-guests";
import { route } from "@/lib/server/http/route";
import { hostFormSchema } from "@/lib/validations/hosts";

export const GET = route({ permission: "authenticated" }, async ({ actor }) => ({ hosts: await listHostSummaries(actor) }));

export const POST = route({ permission: "host.manage", body: hostFormSchema }, async ({ actor, ip, body }) => addHost(actor, ip, body));
