import "server-only";
import { FALLBACK, guestProfile, isEndOfLife, loadOsinfoDb, searchOs, type OsEntry } from "@/lib/osinfo";
import { scriptChoices } from "@/lib/osinfo/unattended";
import type { OsAdvice, OsOption } from "@/lib/new-guest/types";
import type { OsDefaults } from "@/lib/xml/builder/guest-builder";
import type { VerbContext } from "../verb-context";

export const osOption = (os: OsEntry): OsOption => ({
  id: os.id,
  shortId: os.shortId,
  name: os.name,
  vendor: os.vendor,
  eol: isEndOfLife(os),
});

/** The picker's list: matching names or short ids, end-of-life releases only when asked. */
export async function searchOperatingSystems(query: string, includeEol: boolean): Promise<OsOption[]> {
  const db = await loadOsinfoDb();
  return searchOs(db.entries, { query: query || undefined, includeEol, sort: "vendor", limit: 50 }).map(osOption);
}

/** osinfo's advice for an OS id, or virt-install's fallbacks for "generic" / an id osinfo does not know. */
export async function osAdvice(id: string): Promise<{ advice: OsAdvice; defaults: OsDefaults }> {
  const os = id === "generic" ? undefined : (await loadOsinfoDb()).get(id);
  if (!os) {
    const memoryMiB = FALLBACK.ramBytes / 1024 / 1024;
    return {
      advice: {
        os: null,
        memoryMiB,
        minimumMemoryMiB: 0,
        vcpus: FALLBACK.nCpus,
        diskGiB: FALLBACK.storageBytes / 1024 ** 3,
        uefi: "supported",
        tpmRequired: false,
        unattended: { url: [], iso: [] },
      },
      defaults: {
        memoryMiB,
        vcpus: FALLBACK.nCpus,
        virtioDisk: true,
        virtioNet: true,
        q35: true,
        uefi: "supported",
        tpmRequired: false,
        video: "virtio",
      },
    };
  }
  const p = guestProfile(os);
  return {
    advice: {
      os: osOption(os),
      memoryMiB: p.memoryMiB,
      minimumMemoryMiB: p.minimumMemoryMiB,
      vcpus: p.vcpus,
      diskGiB: p.diskGiB,
      uefi: p.uefi,
      tpmRequired: p.tpmRequired,
      unattended: { url: scriptChoices(os, "initrd"), iso: scriptChoices(os, "cdrom") },
    },
    defaults: {
      memoryMiB: p.memoryMiB,
      vcpus: p.vcpus,
      virtioDisk: p.virtioDisk,
      virtioNet: p.virtioNet,
      q35: p.q35,
      uefi: p.uefi,
      tpmRequired: p.tpmRequired,
      video: p.video,
      family: p.family,
    },
  };
}

/** The operating-system picker: one OS's advice when `id` is given, else the systems matching `q`. Reading only. */
export async function lookUpOs(
  _ctx: VerbContext,
  { q, eol, id }: { q: string; eol: "0" | "1"; id?: string },
): Promise<OsAdvice | { systems: OsOption[] }> {
  return id ? (await osAdvice(id)).advice : { systems: await searchOperatingSystems(q, eol === "1") };
}
