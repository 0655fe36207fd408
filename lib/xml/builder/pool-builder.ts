// Storage pool XML from the "Add pool" wizard's validated choices. Pure: no I/O.
import type { CreatePoolInput } from "@/lib/validations/storage";
import { PoolSourceDevice, PoolSourceHost, StoragePool } from "../storage/pool";

/** Where libvirt exposes the volumes of pools whose target the wizard does not ask for. */
const fixedTargets = {
  logical: (vg: string) => `/dev/${vg}`,
  disk: () => "/dev",
  iscsi: () => "/dev/disk/by-path",
  scsi: () => "/dev/disk/by-path",
};

export function buildPool(input: CreatePoolInput): StoragePool {
  const pool = new StoragePool({ type: input.type, name: input.name });
  switch (input.type) {
    case "dir":
      pool.targetPath = input.targetPath;
      break;
    case "fs":
      pool.sourceDevices.add(new PoolSourceDevice({ path: input.sourceDevice }));
      pool.sourceFormat = input.sourceFormat;
      pool.targetPath = input.targetPath;
      break;
    case "netfs":
      pool.sourceHosts.add(new PoolSourceHost({ name: input.sourceHost }));
      pool.sourceDir = input.sourceDir;
      pool.sourceFormat = input.sourceFormat;
      pool.targetPath = input.targetPath;
      break;
    case "logical":
      for (const path of input.sourceDevices) pool.sourceDevices.add(new PoolSourceDevice({ path }));
      pool.sourceName = input.sourceName;
      pool.sourceFormat = "lvm2";
      pool.targetPath = fixedTargets.logical(input.sourceName);
      break;
    case "disk":
      pool.sourceDevices.add(new PoolSourceDevice({ path: input.sourceDevice }));
      pool.sourceFormat = input.sourceFormat === "auto" ? undefined : input.sourceFormat;
      pool.targetPath = fixedTargets.disk();
      break;
    case "iscsi":
      pool.sourceHosts.add(new PoolSourceHost({ name: input.sourceHost }));
      pool.sourceDevices.add(new PoolSourceDevice({ path: input.sourceDevice }));
      pool.sourceInitiatorIqn = input.initiatorIqn;
      pool.targetPath = fixedTargets.iscsi();
      break;
    case "scsi":
      pool.sourceAdapterType = "scsi_host";
      pool.sourceAdapterName = input.adapterName;
      pool.targetPath = fixedTargets.scsi();
      break;
  }
  return pool;
}
