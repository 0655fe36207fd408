import type { Metadata } from "next";
import { StorageView } from "@/components/storage/storage-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Storage" };

export default async function StoragePage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/storage"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title="Storage" description="Storage pools per host: capacity, volumes, and the guests using them." />
      <StorageView grants={actor.grants} />
    </>
  );
}
