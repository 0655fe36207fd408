import { attr, defineModel, int, list, text } from "../core";

/** One disk of a push-mode backup: backup='yes' with the file QEMU writes, or backup='no'. */
export class BackupDisk extends defineModel("BackupDisk", "disk", {
  name: text("./@name"),
  backup: text<"yes" | "no">("./@backup"),
  type: text<"file" | "block">("./@type"),
  targetFile: attr("./target", "file"),
  driverType: attr("./driver", "type"),
}) {}

/** <domainbackup> (virDomainBackupBegin); `incremental` names the checkpoint the backup starts from. */
export class DomainBackup extends defineModel("DomainBackup", "domainbackup", {
  mode: text<"push" | "pull">("./@mode"),
  incremental: text("./incremental"),
  disks: list(() => BackupDisk, "./disks/disk"),
}) {}

export class CheckpointDisk extends defineModel("CheckpointDisk", "disk", {
  name: text("./@name"),
  checkpoint: text<"bitmap" | "no">("./@checkpoint"),
  bitmap: text("./@bitmap"),
  /** Bytes changed since the checkpoint (read with VIR_DOMAIN_CHECKPOINT_XML_SIZE): QEMU's estimate. */
  size: int("./@size"),
}) {}

/** <domaincheckpoint>: the point from which QEMU tracks changed blocks (a bitmap in each qcow2 disk). */
export class DomainCheckpoint extends defineModel("DomainCheckpoint", "domaincheckpoint", {
  name: text("./name"),
  description: text("./description"),
  parentName: text("./parent/name"),
  disks: list(() => CheckpointDisk, "./disks/disk"),
}) {}
