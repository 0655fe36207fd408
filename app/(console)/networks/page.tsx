import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Networks" };

export default function NetworksPage() {
  return (
    <>
      <PageHeader title="Networks" description="Virtual networks and host interfaces per host." />
      <EmptyState title="No virtual networks to show yet">
        Each host&apos;s virtual networks will be listed here with their mode, addresses, DHCP range and active leases.
      </EmptyState>
    </>
  );
}
