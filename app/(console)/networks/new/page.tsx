import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateNetwork } from "@/components/networks/create-network-form";
import { AccessDenied } from "@/components/ui/access-denied";
import { canSomewhere } from "@/lib/roles";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("networks"))("create") };
}

export default async function NewNetworkPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const [actor, params] = await Promise.all([requireActor(), searchParams]);
  if (!canSomewhere(actor.grants, "network.manage", "host")) return <AccessDenied />;
  return <CreateNetwork grants={actor.grants} initialHostId={typeof params.host === "string" && params.host ? params.host : null} />;
}
