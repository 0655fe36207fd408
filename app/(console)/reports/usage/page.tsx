import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UsageView } from "@/components/reports/usage-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { isAdmin } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("usage.pageTitle") };
}

export default async function UsagePage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("reports")]);
  if (!mayOpen(navItem("/reports"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title={t("usage.title")} description={t("usage.description")} />
      <UsageView canMail={isAdmin(actor.grants)} />
    </>
  );
}
