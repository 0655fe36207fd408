import "server-only";
import { randomBytes } from "node:crypto";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainDeviceModifyFlags } from "@/lib/libvirt/generated/flags";
import type { Graphics } from "@/lib/xml";

/** libvirt's passwdValidTo: UTC, seconds, no zone suffix. */
const validToStamp = (at: number) => new Date(at).toISOString().slice(0, 19);

/** True when the display's password has expired or is about to (SPICE then refuses every new connection). */
export function spicePasswordExpired(graphics: Graphics, now = Date.now()): boolean {
  return Boolean(graphics.passwdValidTo) && Date.parse(`${graphics.passwdValidTo}Z`) < now + 5_000;
}

/**
 * Gives the running guest's SPICE display a new random password valid for `seconds`, live only (the
 * persistent configuration is untouched). Clients already connected stay connected.
 */
export async function setOneOffSpicePassword(lv: Libvirt, dom: DomainRef, graphics: Graphics, seconds: number): Promise<string> {
  const password = randomBytes(12).toString("base64url");
  graphics.passwd = password;
  graphics.passwdValidTo = validToStamp(Date.now() + seconds * 1000);
  graphics.connected = "keep";
  await lv.domains.updateDevice(dom, graphics.toXml(), VirDomainDeviceModifyFlags.VIR_DOMAIN_DEVICE_MODIFY_LIVE);
  return password;
}
