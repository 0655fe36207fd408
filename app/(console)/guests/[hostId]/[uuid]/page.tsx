import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GuestDetail } from "@/components/guests/guest-detail";
import { requireActor } from "@/lib/server/current-actor";
import { guestHostName } from "@/lib/server/list-hosts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("guest"))("title") };
}

export default async function GuestPage({ params }: { params: Promise<{ hostId: string; uuid: string }> }) {
  const [actor, { hostId, uuid }] = await Promise.all([requireActor(), params]);
  const hostName = await guestHostName(actor.grants, hostId);
  return <GuestDetail hostId={hostId} hostName={hostName} uuid={uuid.toLowerCase()} grants={actor.grants} />;
}
