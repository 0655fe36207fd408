import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditLogView } from "@/components/admin/audit-log";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

export default async function AuditPage() {
  const t = await getTranslations("auditLog");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <AuditLogView />
    </>
  );
}
