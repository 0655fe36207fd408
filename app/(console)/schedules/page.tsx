import type { Metadata } from "next";
import { SchedulesView } from "@/components/schedules/schedules-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Schedules" };

export default async function SchedulesPage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/schedules"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader
        title="Schedules"
        description="Snapshots and power changes that happen by themselves, for a guest or every guest with a tag."
      />
      <SchedulesView />
    </>
  );
}
