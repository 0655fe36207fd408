import "server-only";
import { redactDomainXml } from "@/lib/guests/domain-secrets";
import type { GuestRef, GuestRow } from "@/lib/guests/types";
import { hostPool } from "../hosts/host-pool";
import { notFound } from "../http/errors";
import { resolveGuest } from "./guest-target";
import { canInspectGuest } from "./hardware/access";
import { hostInventory } from "./inventory";
import type { VerbContext } from "../verb-context";

/**
 * One guest's live row and, for those who may look at its host, its XML (without secrets: no
 * VIR_DOMAIN_XML_SECURE). Helpdesk staff get the row only: they run the guest, they don't inspect it.
 */
export async function getGuest(ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<{ guest: GuestRow; xml: string | null }> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const showXml = canInspectGuest(ctx.actor.grants, hostId, uuid);
  const [rows, xml] = await Promise.all([hostInventory(hostId).rows(await hostPool().get(hostId)), showXml ? lv.domains.xml(dom) : null]);
  const guest = rows.find((r) => r.uuid === uuid);
  if (!guest) throw notFound("guest");
  // Without SECURE libvirt leaves the secrets out already; the redaction is the same boundary every response with XML has.
  return { guest, xml: xml === null ? null : redactDomainXml(xml) };
}
