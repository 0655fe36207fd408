import { attr, child, defineModel, int, list, text } from "../core";
import { Domain } from "./domain";

export class SnapshotDisk extends defineModel("SnapshotDisk", "disk", {
  name: text("./@name"),
  snapshot: text<"no" | "internal" | "external" | "manual">("./@snapshot"),
  type: text("./@type"),
  driverType: attr("./driver", "type"),
  sourceFile: attr("./source", "file"),
}) {}

/** <domainsnapshot>; libvirt embeds the domain definition as it was when the snapshot was taken. */
export class DomainSnapshot extends defineModel("DomainSnapshot", "domainsnapshot", {
  name: text("./name"),
  description: text("./description"),
  state: text("./state"),
  parentName: text("./parent/name"),
  creationTime: int("./creationTime"),
  memorySnapshot: attr<"no" | "internal" | "external">("./memory", "snapshot"),
  memoryFile: attr("./memory", "file"),
  disks: list(() => SnapshotDisk, "./disks/disk"),
  domain: child(() => Domain, "./domain"),
}) {}
