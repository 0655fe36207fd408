import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Storage" };

export default function StoragePage() {
  return (
    <>
      <PageHeader title="Storage" description="Storage pools and volumes per host." />
      <EmptyState title="No storage pools to show yet">
        Each host&apos;s storage pools will be listed here with their capacity, and their volumes with format, size and the guests
        using them.
      </EmptyState>
    </>
  );
}
