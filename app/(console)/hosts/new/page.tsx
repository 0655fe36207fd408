import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HostForm } from "@/components/hosts/host-form";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { can } from "@/lib/roles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hosts"))("addHost") };
}

export default async function NewHostPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("hosts")]);
  if (!can(actor.grants, "host.manage")) return <AccessDenied />;
  return (
    <>
      <PageHeader title={t("addHost")} description={t("addHostIntro")} />
      <HostForm />
    </>
  );
}
