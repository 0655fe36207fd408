import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AlertsView } from "@/components/alerts/alerts-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

export default async function AlertsPage() {
  const actor = await requireActor();
  if (!mayOpen(navItem("/alerts"), actor.grants)) return <AccessDenied />;
  return <AlertsView />;
}
