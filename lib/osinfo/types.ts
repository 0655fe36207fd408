/**
 * Shapes of the osinfo-db data as lib/osinfo exposes it. Sizes are bytes, CPU speed is Hz,
 * exactly as osinfo-db stores them, so nothing is lost to unit conversion.
 */

/** One of osinfo-db's architecture names ("x86_64", "aarch64", "i686", …) or "all". */
export type OsinfoArch = string;

export interface ResourceLimits {
  cpuHz?: number;
  nCpus?: number;
  ramBytes?: number;
  storageBytes?: number;
}

/** One `<resources arch=…>` block. */
export interface ArchResources {
  arch: OsinfoArch;
  minimum: ResourceLimits;
  recommended: ResourceLimits;
  maximum: ResourceLimits;
  /** RAM etc. the installer needs when it installs over the network (RHEL's `<network-install>`). */
  networkInstall: ResourceLimits;
}

/** A `<device id=…>` link from an OS to /usr/share/osinfo/device, with the device's own name and class. */
export interface DeviceLink {
  id: string;
  /** osinfo device name, e.g. "virtio1.0-block"; empty when the device file is missing. */
  name: string;
  /** osinfo device class, e.g. "block", "net", "chipset", "video"; empty when unknown. */
  deviceClass: string;
}

export interface FirmwareRule {
  arch: OsinfoArch;
  /** "efi" or "bios". */
  type: string;
  supported: boolean;
}

/** `<media><iso>` identifiers; each one is a PCRE-style regex matched unanchored, like libosinfo. */
export interface IsoRule {
  volumeId?: string;
  systemId?: string;
  publisherId?: string;
  applicationId?: string;
  /** Exact size in bytes (volume space size × logical block size). */
  volumeSizeBytes?: number;
}

export interface MediaRule {
  arch: OsinfoArch;
  variants: string[];
  live: boolean;
  iso: IsoRule;
}

/** `<tree><treeinfo>` rules; each field is a regex matched unanchored against the .treeinfo value. */
export interface TreeinfoRule {
  treeArch: OsinfoArch;
  variants: string[];
  family?: string;
  version?: string;
  arch?: string;
  variant?: string;
}

/** What an `<os>` element says about the OS itself; nothing here is inherited. */
export interface OsFacts {
  /** The osinfo URI, e.g. "http://microsoft.com/win/11". */
  id: string;
  /** Every short id, e.g. ["debian11", "debianbullseye"]. */
  shortIds: string[];
  name: string;
  vendor: string;
  family: string;
  distro: string;
  version: string;
  codename: string;
  /** ISO date "YYYY-MM-DD" or "" when osinfo-db does not know it. */
  releaseDate: string;
  eolDate: string;
  /** osinfo `<release-status>`: "released" (the default), "prerelease", "snapshot" or "rolling". */
  releaseStatus: string;
  derivesFrom?: string;
  upgrades?: string;
  /** Own media rules only: media identify one release, so they are never inherited. */
  media: MediaRule[];
  /** Own tree rules only, for the same reason. */
  trees: TreeinfoRule[];
  /** Install-script ids (install-script/*.xml) the OS or its media link; like libosinfo, not inherited. */
  installScripts: string[];
}

/** One operating system, with derives-from inheritance already resolved. */
export interface OsEntry extends OsFacts {
  /** The first (canonical) short id, e.g. "win11". */
  shortId: string;
  /** Own `<resources>` when the OS declares any, otherwise the nearest ancestor's. */
  resources: ArchResources[];
  /** Devices of the OS and all its ancestors, minus those a descendant marks supported="false". */
  devices: DeviceLink[];
  /** Firmware rules per (arch, type); the nearest declaration wins. */
  firmware: FirmwareRule[];
}
