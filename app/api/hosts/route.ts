import { addHost } from "@/lib/server/hosts/add-host";
import { listHostSummaries } from "@/lib/server/guests/list-guests";
import { forbidden } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { mayOpen, navItem } from "@/lib/navigation";
import { hostFormSchema } from "@/lib/validations/hosts";

/**
 * The hosts the person may see (canSeeHost), with URI and connection state. Refused to those who see no
 * host at all (helpdesk staff, guest grants only): the guest list names their guests' hosts.
 */
export const GET = route({ permission: "authenticated" }, async ({ actor }) => {
  if (!mayOpen(navItem("/hosts"), actor.grants)) throw forbidden();
  return { hosts: await listHostSummaries(actor) };
});

export const POST = route({ permission: "host.manage", body: hostFormSchema }, async ({ ctx, body }) => addHost(ctx, body));
