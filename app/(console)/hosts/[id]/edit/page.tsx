import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostForm } from "@/components/hosts/host-form";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { getHostForEdit } from "@/lib/server/hosts/get-host";
import { can } from "@/lib/roles";

export const metadata: Metadata = { title: "Edit host" };

export default async function EditHostPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor.grants, "host.manage")) return <AccessDenied />;
  const host = await getHostForEdit((await params).id).catch(() => null);
  if (!host) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${host.name}`}
        description="Secrets stay stored unless you enter new ones. A new SSH address needs its host key confirmed again."
      />
      <HostForm host={{ id: host.id, name: host.name, form: host.form, sshHostKey: host.sshHostKey, storedSecrets: host.storedSecrets }} />
    </>
  );
}
