import type { Metadata } from "next";
import { HostForm } from "@/components/hosts/host-form";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { can } from "@/lib/roles";

export const metadata: Metadata = { title: "Add host" };

export default async function NewHostPage() {
  const actor = await requireActor();
  if (!can(actor.grants, "host.manage")) return <AccessDenied />;
  return (
    <>
      <PageHeader title="Add host" description="Build the connection, test it, confirm an SSH host's key, then save." />
      <HostForm />
    </>
  );
}
