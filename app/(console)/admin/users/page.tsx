import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UsersAdmin } from "@/components/admin/users-admin";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

export default async function UsersPage() {
  const t = await getTranslations("admin.users");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <UsersAdmin />
    </>
  );
}
