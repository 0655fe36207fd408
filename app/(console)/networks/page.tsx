import type { Metadata } from "next";
import { NetworksView } from "@/components/networks/networks-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { canAnywhere } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export const metadata: Metadata = { title: "Networks" };

export default async function NetworksPage() {
  const actor = await requireActor();
  if (!canAnywhere(actor.grants, "network.view")) return <AccessDenied />;
  return <NetworksView grants={actor.grants} />;
}
