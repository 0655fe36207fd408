import type { Metadata } from "next";
import { HostsList } from "@/components/hosts/hosts-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { canAnywhere } from "@/lib/roles";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader title="Hosts" description="The libvirt hosts this console manages, and how their connections are doing." />
      <HostsList canManage={canAnywhere(actor.grants, "host.manage")} canViewOverview={canAnywhere(actor.grants, "host.view")} />
    </>
  );
}
