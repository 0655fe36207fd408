import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NetworksView } from "@/components/networks/networks-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("networks"))("title") };
}

export default async function NetworksPage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/networks"), actor.grants)) return <AccessDenied />;
  return <NetworksView grants={actor.grants} />;
}
