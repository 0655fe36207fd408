import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HostForm } from "@/components/hosts/host-form";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireActor } from "@/lib/server/current-actor";
import { getHostForEdit } from "@/lib/server/hosts/get-host";
import { can } from "@/lib/roles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hosts"))("editPageTitle") };
}

export default async function EditHostPage({ params }: { params: Promise<{ id: string }> }) {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("hosts")]);
  if (!can(actor.grants, "host.manage")) return <AccessDenied />;
  const host = await getHostForEdit(await pageContext(actor), { hostId: (await params).id }).catch(() => null);
  if (!host) notFound();
  return (
    <>
      <PageHeader title={t("editTitle", { name: host.name })} description={t("editIntro")} />
      <HostForm host={{ id: host.id, name: host.name, form: host.form, sshHostKey: host.sshHostKey, storedSecrets: host.storedSecrets }} />
    </>
  );
}
