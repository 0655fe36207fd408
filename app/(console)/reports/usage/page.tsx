import type { Metadata } from "next";
import { UsageView } from "@/components/reports/usage-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { isAdmin } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Usage report" };

export default async function UsagePage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/reports"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title="Usage" description="vCPU-hours, memory, disk and traffic per host, tag or owner." />
      <UsageView canMail={isAdmin(actor.grants)} />
    </>
  );
}
