import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClusterDetail } from "@/components/host-clusters/cluster-detail";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostClusters"))("detailTitle") };
}

export default async function ClusterPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const { clusterId } = await params;
  return <ClusterDetail clusterId={clusterId} />;
}
