import type { Metadata } from "next";
import { ClustersAdmin } from "@/components/host-clusters/clusters-admin";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Clusters" };

export default function ClustersPage() {
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Hosts grouped so that their guests can move anywhere among them: a common CPU, required networks and storage, placement of new guests, maintenance mode."
      />
      <ClustersAdmin />
    </>
  );
}
