import type { Metadata } from "next";
import { RightSizingView } from "@/components/reports/right-sizing-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Right-sizing" };

export default async function RightSizingPage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/reports"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title="Right-sizing" description="Guests given far more than they use, and guests doing nothing." />
      <RightSizingView />
    </>
  );
}
