import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NetworkDetail } from "@/components/networks/network-detail";
import { AccessDenied } from "@/components/ui/access-denied";
import { can } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("networks"))("detail.title") };
}

/** Page params arrive still percent-encoded (route handlers get them decoded). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function NetworkPage({ params }: { params: Promise<{ hostId: string; name: string }> }) {
  const [actor, p] = await Promise.all([requireActor(), params]);
  const hostId = decoded(p.hostId);
  if (!can(actor.grants, "network.view", { kind: "host", hostId })) return <AccessDenied />;
  return <NetworkDetail hostId={hostId} name={decoded(p.name)} grants={actor.grants} />;
}
