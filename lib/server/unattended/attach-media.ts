import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import { UNATTENDED_ALIAS, UNATTENDED_LABEL } from "@/lib/new-guest/unattended";
import type { Domain } from "@/lib/xml";
import { attachIsoMedium } from "../cloud-init/attach-seed";
import { buildSmallIso } from "../cloud-init/seed-iso";
import type { PreparedScript } from "./prepare";

/** The script medium's volume name: next to the guest's disk, named after the guest. */
export const unattendedVolumeName = (guestName: string) => `${guestName}-unattended.iso`;

/**
 * For an install from an ISO: the rendered script on a small ISO labelled OEMDRV (a kickstart also as
 * ks.cfg, the name anaconda loads from such a medium without a kernel argument), uploaded as a volume
 * of `pool` and added to `domain` as a read-only CD-ROM, as virt-install does with --unattended. The
 * caller defines the domain and deletes the returned volume if anything later fails.
 */
export async function attachUnattendedMedia(
  lv: Libvirt,
  { pool: poolName, guestName, domain, script }: { pool: string; guestName: string; domain: Domain; script: PreparedScript },
): Promise<VolumeRef> {
  const files: Record<string, string> = { [script.filename]: script.content };
  if (script.filename.endsWith(".ks")) files["ks.cfg"] = script.content;
  const iso = await buildSmallIso(files, UNATTENDED_LABEL);
  return attachIsoMedium(lv, { pool: poolName, name: unattendedVolumeName(guestName), iso, domain, alias: UNATTENDED_ALIAS });
}
