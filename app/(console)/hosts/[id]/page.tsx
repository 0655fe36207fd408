import type { Metadata } from "next";
import { HostOverview } from "@/components/hosts/host-overview";
import { AccessDenied } from "@/components/ui/access-denied";
import { canSeeHost } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const [actor, { id }] = await Promise.all([requireActor(), params]);
  if (!canSeeHost(actor.grants, id)) return <AccessDenied />;
  return <HostOverview hostId={id} grants={actor.grants} />;
}
