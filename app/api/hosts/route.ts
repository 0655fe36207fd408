import { listHostSummaries } from "@/lib/server/guests/list-guests";
import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "authenticated" }, async ({ actor }) => ({ hosts: await listHostSummaries(actor) }));
