// The <domainsnapshot> request for each kind, built with the XML models (no I/O: unit- and schema-tested).
import { DomainSnapshot, SnapshotDisk, type Domain } from "@/lib/xml";
import type { SnapshotKind } from "./model";

const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_");
const dirname = (file: string) => file.slice(0, file.lastIndexOf("/")) || "/";
const stem = (file: string) => file.slice(file.lastIndexOf("/") + 1).replace(/\.(qcow2|img|raw)$/, "");

/**
 * Internal: name and description only, libvirt picks the rest. External: every writable disk gets a
 * qcow2 overlay next to its current file (<disk stem>.<snapshot>.qcow2), the memory goes to
 * <guest>.<snapshot>.mem beside the first disk; CD-ROMs and read-only disks are left out. `volumeFiles`
 * are the files pool-volume disks (<disk type='volume'>) resolve to, by target name.
 */
export function buildSnapshotXml(
  kind: SnapshotKind,
  name: string,
  description: string,
  domain: Domain,
  volumeFiles: ReadonlyMap<string, string> = new Map(),
): string {
  const snapshot = new DomainSnapshot({ name, description: description || undefined });
  if (kind === "internal") return snapshot.toXml();
  const safe = fileSafe(name);
  const disks = domain.devices.disks.items;
  const fileOf = (d: (typeof disks)[number]) => d.sourceFile ?? (d.targetDev ? volumeFiles.get(d.targetDev) : undefined);
  const writable = disks.filter((d) => (d.device ?? "disk") === "disk" && !d.readonly && fileOf(d));
  if (kind === "external-memory") {
    snapshot.memorySnapshot = "external";
    const first = writable[0] ? fileOf(writable[0]) : undefined;
    snapshot.memoryFile = `${dirname(first ?? "/var/lib/libvirt/qemu/snapshot/x")}/${fileSafe(domain.name ?? "guest")}.${safe}.mem`;
  } else {
    snapshot.memorySnapshot = "no";
  }
  for (const d of disks) {
    if (!d.targetDev) continue;
    const file = fileOf(d);
    if (file && writable.includes(d)) {
      snapshot.disks.add(
        new SnapshotDisk({
          name: d.targetDev,
          snapshot: "external",
          type: "file",
          driverType: "qcow2",
          sourceFile: `${dirname(file)}/${stem(file)}.${safe}.qcow2`,
        }),
      );
    } else {
      snapshot.disks.add(new SnapshotDisk({ name: d.targetDev, snapshot: "no" }));
    }
  }
  return snapshot.toXml();
}
