import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MyGuests } from "@/components/guests/my-guests";
import { FleetDashboard } from "@/components/metrics/fleet-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("dashboard")]);
  const description = t("signedInAs", { name: actor.displayName || actor.username });
  const mayViewMetrics = canAnywhere(actor.grants, "metrics.view");
  return (
    <>
      <PageHeader title={t("title")} description={description} />
      {/* Helpdesk staff have no dashboards: their guests, a click from their consoles, instead. */}
      {mayViewMetrics ? <FleetDashboard /> : <MyGuests grants={actor.grants} />}
    </>
  );
}
