import type { Metadata } from "next";
import { HostOverview } from "@/components/hosts/host-overview";
import { CapacityForecast } from "@/components/reports/capacity-forecast";
import { AccessDenied } from "@/components/ui/access-denied";
import { can, canSeeHost } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const [actor, { id }] = await Promise.all([requireActor(), params]);
  if (!canSeeHost(actor.grants, id)) return <AccessDenied />;
  return (
    <>
      <HostOverview hostId={id} grants={actor.grants} />
      {can(actor.grants, "metrics.view", { kind: "host", hostId: id }) ? (
        <div className="mt-6">
          <CapacityForecast hostId={id} />
        </div>
      ) : null}
    </>
  );
}
