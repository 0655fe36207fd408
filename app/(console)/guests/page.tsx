import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Guests" };

export default function GuestsPage() {
  return (
    <>
      <PageHeader title="Guests" description="Virtual machines on every host you can see." />
      <EmptyState title="No guests to show yet">
        Guests of the connected hosts will be listed here with their state, CPU and memory use, and actions to start, stop and
        open their console.
      </EmptyState>
    </>
  );
}
