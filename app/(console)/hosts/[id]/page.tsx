import type { Metadata } from "next";
import { HostOverview } from "@/components/hosts/host-overview";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const [actor, { id }] = await Promise.all([requireActor(), params]);
  return <HostOverview hostId={id} grants={actor.grants} />;
}
