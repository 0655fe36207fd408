import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PortalView } from "@/components/quotas/portal-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("quotas"))("portalTitle") };
}

export default async function PortalPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("quotas")]);
  if (!mayOpen(navItem("/portal"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title={t("portalTitle")} description={t("portalDescription")} />
      <PortalView />
    </>
  );
}
