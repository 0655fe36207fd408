import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QuotasAdmin } from "@/components/admin/quotas-admin";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("quotas"))("adminTitle") };
}

export default async function QuotasPage() {
  const t = await getTranslations("quotas");
  return (
    <>
      <PageHeader title={t("adminTitle")} description={t("adminDescription")} />
      <QuotasAdmin />
    </>
  );
}
