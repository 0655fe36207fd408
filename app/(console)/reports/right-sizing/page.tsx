import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RightSizingView } from "@/components/reports/right-sizing-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("rightSizing.title") };
}

export default async function RightSizingPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("reports")]);
  if (!mayOpen(navItem("/reports"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title={t("rightSizing.title")} description={t("rightSizing.description")} />
      <RightSizingView />
    </>
  );
}
