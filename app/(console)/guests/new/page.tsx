import type { Metadata } from "next";
import { NewGuestWizard } from "@/components/new-guest/wizard";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { canSomewhere } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "New guest" };

export default async function NewGuestPage() {
  const actor = await requireActor();
  if (!canSomewhere(actor.grants, "guest.manage", "host")) return <AccessDenied />;
  return (
    <>
      <PageHeader
        title="Create a new virtual machine"
        description="Install media, operating system, memory and CPUs, storage, network, name."
      />
      <NewGuestWizard grants={actor.grants} />
    </>
  );
}
