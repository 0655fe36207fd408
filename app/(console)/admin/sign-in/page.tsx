import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IdentityAdmin } from "@/components/admin/identity-admin";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identityAdmin"))("title") };
}

export default async function SignInProvidersPage() {
  const t = await getTranslations("identityAdmin");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <IdentityAdmin />
    </>
  );
}
