import type { Metadata } from "next";
import Link from "next/link";
import { VncConsole } from "@/components/console/vnc-console";
import { AccessDenied } from "@/components/ui/access-denied";
import { requireActor } from "@/lib/server/current-actor";
import { can } from "@/lib/roles";

export const metadata: Metadata = { title: "Console" };

export default async function GuestConsolePage({ params }: { params: Promise<{ hostId: string; uuid: string }> }) {
  const [actor, { hostId, uuid }] = await Promise.all([requireActor(), params]);
  const guestUuid = uuid.toLowerCase();
  if (!can(actor.grants, "guest.console", { kind: "guest", hostId, guestUuid })) return <AccessDenied />;
  return (
    <div className="flex h-[calc(100vh-6rem)] flex-col gap-3">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href={`/guests/${encodeURIComponent(hostId)}/${guestUuid}`} className="hover:underline">
          Back to the guest
        </Link>
      </nav>
      <VncConsole hostId={hostId} uuid={guestUuid} guestName={guestUuid} canInteract />
    </div>
  );
}
