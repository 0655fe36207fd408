import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClustersAdmin } from "@/components/host-clusters/clusters-admin";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostClusters"))("title") };
}

export default async function ClustersPage() {
  const t = await getTranslations("hostClusters");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ClustersAdmin />
    </>
  );
}
