import { attr, defineModel, int, list, sizeBytes, text } from "../core";

export type PoolType =
  "dir" | "fs" | "netfs" | "logical" | "disk" | "iscsi" | "iscsi-direct" | "scsi" | "mpath" | "rbd" | "gluster" | "zfs";

export class PoolSourceHost extends defineModel("PoolSourceHost", "host", {
  name: text("./@name"),
  port: int("./@port"),
}) {}

export class PoolSourceDevice extends defineModel("PoolSourceDevice", "device", {
  path: text("./@path"),
}) {}

/**
 * A storage pool. Which source fields matter depends on type: fs uses a device, netfs a host and
 * directory, logical a volume-group name and devices, iscsi a host and target IQN (device path),
 * scsi an adapter.
 */
export class StoragePool extends defineModel("StoragePool", "pool", {
  type: text<PoolType>("./@type"),
  name: text("./name"),
  uuid: text("./uuid"),
  capacityBytes: sizeBytes("./capacity"),
  allocationBytes: sizeBytes("./allocation"),
  availableBytes: sizeBytes("./available"),
  sourceHosts: list(() => PoolSourceHost, "./source/host"),
  sourceDevices: list(() => PoolSourceDevice, "./source/device"),
  sourceDir: attr("./source/dir", "path"),
  sourceAdapterType: attr("./source/adapter", "type"),
  sourceAdapterName: attr("./source/adapter", "name"),
  sourceName: text("./source/name"),
  sourceFormat: attr("./source/format", "type"),
  sourceInitiatorIqn: attr("./source/initiator/iqn", "name"),
  targetPath: text("./target/path"),
  targetMode: text("./target/permissions/mode"),
  targetOwner: int("./target/permissions/owner"),
  targetGroup: int("./target/permissions/group"),
}) {}
