import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SchedulesView } from "@/components/schedules/schedules-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("schedules"))("title") };
}

export default async function SchedulesPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("schedules")]);
  if (!mayOpen(navItem("/schedules"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SchedulesView />
    </>
  );
}
