// Shared by server and browser: what the storage API returns, and the pool types the wizard offers.

export const poolStates = ["inactive", "building", "running", "degraded", "inaccessible"] as const;
export type PoolState = (typeof poolStates)[number];

export type PoolRow = {
  hostId: string;
  name: string;
  uuid: string;
  type: string;
  state: PoolState;
  autostart: boolean;
  persistent: boolean;
  capacityBytes: number;
  allocationBytes: number;
  availableBytes: number;
  /** Where its volumes live on the host (a directory, /dev, a mount point). */
  targetPath: string | null;
  volumeCount: number | null;
};

export type VolumeUser = { uuid: string; name: string; running: boolean };

export type VolumeRow = {
  name: string;
  key: string;
  path: string;
  type: string;
  format: string | null;
  capacityBytes: number;
  allocationBytes: number;
  backingPath: string | null;
  usedBy: VolumeUser[];
};

export type PoolDetail = { pool: PoolRow; volumes: VolumeRow[] };

/** The pool types the "Add pool" wizard creates (virt-manager's descriptions are in the messages, storage.poolType). */
export const creatablePoolTypes = ["dir", "fs", "netfs", "logical", "disk", "iscsi", "scsi"] as const;
export type CreatablePoolType = (typeof creatablePoolTypes)[number];

/** Volume formats the console creates: qcow2 (snapshots, backing files, grows as written) and raw (fastest). */
export const volumeFormats = ["qcow2", "raw"] as const;
export type VolumeFormat = (typeof volumeFormats)[number];
