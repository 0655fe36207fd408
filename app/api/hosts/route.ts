import { route } from "@/lib/server/http/route";
import { listVisibleHosts } from "@/lib/server/list-hosts";

export const GET = route({ permission: "authenticated" }, async ({ actor }) => listVisibleHosts(actor.grants));
