import type { Metadata } from "next";
import { HostsList } from "@/components/hosts/hosts-list";
import { PageHeader } from "@/components/ui/page-header";
import { AccessDenied } from "@/components/ui/access-denied";
import { mayOpen, navItem } from "@/lib/navigation";
import { can } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/hosts"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title="Hosts" description="The libvirt hosts this console manages, and how their connections are doing." />
      <HostsList canManage={can(actor.grants, "host.manage")} />
    </>
  );
}
