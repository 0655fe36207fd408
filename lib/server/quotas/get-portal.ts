import "server-only";
import type { PortalTemplate, PortalView } from "@/lib/quotas/portal";
import { can } from "@/lib/roles";
import { db } from "../db";
import { hostInventory } from "../guests/inventory";
import { hostPool } from "../hosts/host-pool";
import type { VerbContext } from "../verb-context";
import { bindingQuotas } from "./quota-use";

/**
 * The self-service portal: the quotas that bind the person with their use, and the templates of every host where
 * they may create guests (a power user sees these templates although they may not see the guests themselves).
 * An unreachable host's templates are left out rather than failing the page.
 */
export async function getPortal(ctx: VerbContext): Promise<PortalView> {
  const { actor } = ctx;
  const hosts = (await db().host.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } })).filter((h) =>
    can(actor.grants, "guest.create", { kind: "host", hostId: h.id }),
  );
  const pool = hostPool();
  const perHost = await Promise.all(
    hosts.map(async (host): Promise<PortalTemplate[]> => {
      const rows = await pool
        .get(host.id)
        .then((lv) => hostInventory(host.id).rows(lv, () => pool.forJobs(host.id)))
        .catch(() => []);
      return rows
        .filter((r) => r.template)
        .map((r) => ({
          hostId: host.id,
          hostName: host.name,
          uuid: r.uuid,
          name: r.name,
          vcpus: r.vcpus,
          memoryMiB: Math.round(r.memoryKiB / 1024),
        }));
    }),
  );
  return { quotas: await bindingQuotas(actor.id), templates: perHost.flat() };
}
