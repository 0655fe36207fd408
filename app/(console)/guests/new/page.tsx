import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewGuestWizard } from "@/components/new-guest/wizard";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canSomewhere } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("newGuest"))("pageTitle") };
}

export default async function NewGuestPage() {
  const actor = await requireActor();
  if (!canSomewhere(actor.grants, "guest.manage", "host")) return <AccessDenied />;
  const t = await getTranslations("newGuest");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <NewGuestWizard grants={actor.grants} />
    </>
  );
}
