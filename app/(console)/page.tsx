import type { Metadata } from "next";
import { MyGuests } from "@/components/guests/my-guests";
import { FleetDashboard } from "@/components/metrics/fleet-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const description = `Signed in as ${actor.displayName || actor.username}.`;
  return (
    <>
      <PageHeader title="Dashboard" description={description} />
      {/* Helpdesk staff have no dashboards: their guests, a click from their consoles, instead. */}
      {canAnywhere(actor.grants, "metrics.view") ? <FleetDashboard /> : <MyGuests grants={actor.grants} />}
    </>
  );
}
