import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HostOverview } from "@/components/hosts/host-overview";
import { CapacityForecast } from "@/components/reports/capacity-forecast";
import { AccessDenied } from "@/components/ui/access-denied";
import { can, canSeeHost } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hosts"))("hostTitle") };
}

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const [actor, { id }] = await Promise.all([requireActor(), params]);
  if (!canSeeHost(actor.grants, id)) return <AccessDenied />;
  const mayViewMetrics = can(actor.grants, "metrics.view", { kind: "host", hostId: id });
  return (
    <>
      <HostOverview hostId={id} grants={actor.grants} />
      {mayViewMetrics ? (
        <div className="mt-6">
          <CapacityForecast hostId={id} />
        </div>
      ) : null}
    </>
  );
}
