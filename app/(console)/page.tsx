import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { listVisibleHosts } from "@/lib/server/list-hosts";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const hosts = await listVisibleHosts(actor.grants);
  return (
    <>
      <PageHeader title="Dashboard" description={`Signed in as ${actor.displayName || actor.username}.`} />
      <section className="mb-6 grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <div className="text-sm text-slate-500">Hosts you can see</div>
          <div className="mt-1 text-3xl font-semibold">{hosts.length}</div>
          <Link href="/hosts" className="mt-2 inline-block text-sm text-blue-600 hover:underline dark:text-blue-400">
            View hosts
          </Link>
        </div>
      </section>
      <EmptyState title="Fleet charts appear here">
        CPU, memory, disk and network use per host and guest, the busiest guests and pools nearing full will show here once
        performance collection is enabled for your hosts.
      </EmptyState>
    </>
  );
}
