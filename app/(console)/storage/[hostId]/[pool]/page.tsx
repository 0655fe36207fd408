import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CapacityForecast } from "@/components/reports/capacity-forecast";
import { PoolDetailView } from "@/components/storage/pool-detail";
import { AccessDenied } from "@/components/ui/access-denied";
import { can } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("storage"))("poolTitle") };
}

/** Route params may arrive still percent-encoded; a name with a stray "%" is taken as it is. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function PoolPage({ params }: { params: Promise<{ hostId: string; pool: string }> }) {
  const [actor, { hostId, pool }] = await Promise.all([requireActor(), params]);
  const scope = { kind: "host" as const, hostId };
  if (!can(actor.grants, "storage.view", scope)) return <AccessDenied />;
  const name = safeDecode(pool);
  const mayViewMetrics = can(actor.grants, "metrics.view", scope);
  return (
    <>
      <PoolDetailView hostId={hostId} name={name} canManage={can(actor.grants, "storage.manage", scope)} />
      {mayViewMetrics ? (
        <div className="mt-6">
          <CapacityForecast hostId={hostId} pool={name} />
        </div>
      ) : null}
    </>
  );
}
