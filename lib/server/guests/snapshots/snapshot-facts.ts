import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef, SnapshotRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { SnapshotGuestFacts, SnapshotKind, SnapshotView } from "@/lib/snapshots/model";
import { Domain, DomainSnapshot, StorageVolume } from "@/lib/xml";
import { hasSnapshotScreenshot } from "./snapshot-screens";

/** The disks a snapshot covers: CD-ROMs, floppies and read-only disks are left alone by libvirt too. */
export function writableDisks(domain: Domain) {
  return domain.devices.disks.filter((d) => (d.device ?? "disk") === "disk" && !d.readonly);
}

/**
 * The files behind the writable disks that name a pool volume (<disk type='volume'>), by target name:
 * libvirt takes external snapshots of those where the volume is a file. Volumes that are not files,
 * or that cannot be looked up (pool stopped, volume gone), are left out.
 */
export async function volumeDiskFiles(lv: Libvirt, domain: Domain): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const d of writableDisks(domain)) {
    if (d.type !== "volume" || !d.targetDev || !d.sourcePool || !d.sourceVolume) continue;
    const vol = await lv.storage
      .lookupPool(d.sourcePool)
      .then((pool) => lv.storage.lookupVolume(pool, d.sourceVolume!))
      .then(async (ref) => StorageVolume.parse(await lv.storage.volumeXml(ref)))
      .catch(() => null);
    if (vol?.targetPath && (vol.type ?? "file") === "file") files.set(d.targetDev, vol.targetPath);
  }
  return files;
}

export function snapshotGuestFacts(
  domain: Domain,
  state: string,
  volumeFiles: ReadonlyMap<string, string> = new Map(),
): SnapshotGuestFacts {
  return {
    state,
    disks: writableDisks(domain).map((d) => {
      const type = d.type ?? "file";
      const file = type === "volume" ? volumeFiles.get(d.targetDev ?? "") : type === "file" ? d.sourceFile : undefined;
      return { target: d.targetDev ?? "?", format: d.driverType ?? null, sourceType: type, file: file ?? null };
    }),
    pflash: domain.os.loaderType === "pflash",
  };
}

export function snapshotKind(snapshot: DomainSnapshot): SnapshotKind {
  if (snapshot.memorySnapshot === "external") return "external-memory";
  return snapshot.disks.items.some((d) => d.snapshot === "external") ? "external-disk" : "internal";
}

export async function libvirtVersion(lv: Libvirt): Promise<string> {
  const v = Number((await lv.host.versions()).libVersion);
  return `${Math.floor(v / 1_000_000)}.${Math.floor(v / 1000) % 1000}.${v % 1000}`;
}

/** Every snapshot of the guest as the list shows it (SECURE is not asked for: the list is for viewers too). */
export async function readSnapshots(lv: Libvirt, dom: DomainRef, hostId: string, uuid: string): Promise<SnapshotView[]> {
  const refs = await lv.domains.listSnapshots(dom);
  const current = await lv.domains.currentSnapshot(dom);
  return Promise.all(
    refs.map(async (ref) =>
      snapshotView(
        DomainSnapshot.parse(await lv.domains.snapshotXml(ref)),
        ref.name === current?.name,
        await hasSnapshotScreenshot(hostId, uuid, ref.name),
      ),
    ),
  );
}

export function snapshotView(s: DomainSnapshot, current: boolean, hasScreenshot: boolean): SnapshotView {
  const files = [
    ...s.disks.filter((d) => d.snapshot === "external" && d.sourceFile !== undefined).map((d) => d.sourceFile!),
    ...(s.memoryFile ? [s.memoryFile] : []),
  ];
  return {
    name: s.name ?? "",
    parent: s.parentName ?? null,
    description: s.description ?? "",
    state: s.state ?? "unknown",
    createdAt: (s.creationTime ?? 0) * 1000,
    current,
    kind: snapshotKind(s),
    files,
    hasScreenshot,
  };
}

/** The full definition, secrets included, as REDEFINE needs it back. */
export async function secureSnapshotXml(lv: Libvirt, snap: SnapshotRef): Promise<string> {
  return lv.domains.snapshotXml(snap, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);
}

export async function liveDomain(lv: Libvirt, dom: DomainRef): Promise<Domain> {
  return Domain.parse(await lv.domains.xml(dom));
}
