import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HostsList } from "@/components/hosts/hosts-list";
import { PageHeader } from "@/components/ui/page-header";
import { AccessDenied } from "@/components/ui/access-denied";
import { mayOpen, navItem } from "@/lib/navigation";
import { can } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hosts"))("title") };
}

export default async function HostsPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("hosts")]);
  if (!mayOpen(navItem("/hosts"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HostsList canManage={can(actor.grants, "host.manage")} />
    </>
  );
}
