import type { Metadata } from "next";
import { AccountPage } from "@/components/account/account-page";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "Your account" };

export default async function Account() {
  const actor = await requireActor();
  // Names of the hosts the person's own grants name (their tokens are made from those grants).
  const hostIds = [...new Set(actor.grants.flatMap((g) => (g.hostId ? [g.hostId] : [])))];
  const hosts = await db().host.findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title="Your account" description="Your password, your second factor and your API tokens." />
      <AccountPage grants={actor.grants.filter((g) => !g.viaTag)} hostNames={hosts.map((h) => [h.id, h.name])} />
    </>
  );
}
