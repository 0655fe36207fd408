import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GuestsView } from "@/components/guests/guests-view";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("guests"))("title") };
}

export default async function GuestsPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const [actor, params] = await Promise.all([requireActor(), searchParams]);
  const host = typeof params.host === "string" && params.host ? params.host : null;
  return <GuestsView grants={actor.grants} initialHostId={host} />;
}
