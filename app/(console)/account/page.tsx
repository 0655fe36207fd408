import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountPage } from "@/components/account/account-page";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { db } from "@/lib/server/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function Account() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("account")]);
  // Names of the hosts the person's own grants name (their tokens are made from those grants).
  const hostIds = [...new Set(actor.grants.flatMap((g) => (g.hostId ? [g.hostId] : [])))];
  const hosts = await db().host.findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <AccountPage grants={actor.grants.filter((g) => !g.viaTag && !g.viaOwner)} hostNames={hosts.map((h) => [h.id, h.name])} />
    </>
  );
}
