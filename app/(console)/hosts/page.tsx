import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { listVisibleHosts } from "@/lib/server/list-hosts";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const actor = await requireActor();
  const hosts = await listVisibleHosts(actor.grants);
  return (
    <>
      <PageHeader title="Hosts" description="The libvirt hosts this console manages." />
      {hosts.length === 0 ? (
        <EmptyState title="No hosts you can see">An administrator registers hosts and grants you access to them.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {hosts.map((h) => (
            <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <span className="font-medium">{h.name}</span>
              <code className="text-sm text-slate-500">{h.uri}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
