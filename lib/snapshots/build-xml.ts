// The <domainsnapshot> request for each kind, built with the XML models (no I/O: unit- and schema-tested).
import { DomainSnapshot, SnapshotDisk, type Domain } from "@/lib/xml";
import type { SnapshotKind } from "./model";

const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_");
const dirname = (file: string) => file.slice(0, file.lastIndexOf("/")) || "/";
const stem = (file: string) => file.slice(file.lastIndexOf("/") + 1).replace(/\.(qcow2|img|raw)$/, "");

/**
 * Internal: name and description only, libvirt picks the rest. External: every writable disk gets a
 * qcow2 overlay next to its current file (<disk stem>.<snapshot>.qcow2), the memory goes to
 * <guest>.<snapshot>.mem beside the first disk; CD-ROMs and read-only disks are left out.
 */
export function buildSnapshotXml(kind: SnapshotKind, name: string, description: string, domain: Domain): string {
  const snapshot = new DomainSnapshot({ name, description: description || undefined });
  if (kind === "internal") return snapshot.toXml();
  const safe = fileSafe(name);
  const disks = domain.devices.disks.items;
  const writable = disks.filter((d) => (d.device ?? "disk") === "disk" && !d.readonly && d.sourceFile);
  if (kind === "external-memory") {
    snapshot.memorySnapshot = "external";
    snapshot.memoryFile = `${dirname(writable[0]?.sourceFile ?? "/var/lib/libvirt/qemu/snapshot/x")}/${fileSafe(domain.name ?? "guest")}.${safe}.mem`;
  } else {
    snapshot.memorySnapshot = "no";
  }
  for (const d of disks) {
    if (!d.targetDev) continue;
    if (writable.includes(d)) {
      snapshot.disks.add(
        new SnapshotDisk({
          name: d.targetDev,
          snapshot: "external",
          type: "file",
          driverType: "qcow2",
          sourceFile: `${dirname(d.sourceFile!)}/${stem(d.sourceFile!)}.${safe}.qcow2`,
        }),
      );
    } else {
      snapshot.disks.add(new SnapshotDisk({ name: d.targetDev, snapshot: "no" }));
    }
  }
  return snapshot.toXml();
}
