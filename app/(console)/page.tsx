import type { Metadata } from "next";
import Link from "next/link";
import { FleetDashboard } from "@/components/metrics/fleet-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";
import { listVisibleHosts } from "@/lib/server/list-hosts";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const description = `Signed in as ${actor.displayName || actor.username}.`;
  if (canAnywhere(actor.grants, "metrics.view")) {
    return (
      <>
        <PageHeader title="Dashboard" description={description} />
        <FleetDashboard />
      </>
    );
  }
  // Helpdesk staff have no dashboards: their guests are a click away.
  const hosts = await listVisibleHosts(actor.grants);
  return (
    <>
      <PageHeader title="Dashboard" description={description} />
      <section className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <div className="text-sm text-slate-500">Hosts you can see</div>
          <div className="mt-1 text-3xl font-semibold">{hosts.length}</div>
          <Link href="/guests" className="mt-2 inline-block text-sm text-blue-600 hover:underline dark:text-blue-400">
            Your guests
          </Link>
        </div>
      </section>
    </>
  );
}
