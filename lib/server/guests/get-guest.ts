import "server-only";
import type { GuestRow } from "@/lib/guests/types";
import { hostPool } from "../hosts/host-pool";
import { notFound } from "../http/errors";
import { resolveGuest } from "./guest-target";
import { hostInventory } from "./inventory";

/** One guest's live row and its XML (without secrets: no VIR_DOMAIN_XML_SECURE). */
export async function getGuest(hostId: string, uuid: string): Promise<{ guest: GuestRow; xml: string }> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const [rows, xml] = await Promise.all([hostInventory(hostId).rows(await hostPool().get(hostId)), lv.domains.xml(dom)]);
  const guest = rows.find((r) => r.uuid === uuid);
  if (!guest) throw notFound("Guest");
  return { guest, xml };
}
