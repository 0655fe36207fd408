import type { Metadata } from "next";
import { GuestDetail } from "@/components/guests/guest-detail";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Guest" };

export default async function GuestPage({ params }: { params: Promise<{ hostId: string; uuid: string }> }) {
  const [actor, { hostId, uuid }] = await Promise.all([requireActor(), params]);
  return <GuestDetail hostId={hostId} uuid={uuid.toLowerCase()} grants={actor.grants} />;
}
