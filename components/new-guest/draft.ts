// The wizard's answers while it runs (strings as typed), and how they become the shared schema's input.
import type { OsAdvice } from "@/lib/new-guest/types";
import type { OvaSummary } from "@/lib/ova/summary";
import type { directModes, diskFormats } from "@/lib/validations/new-guest";
import { emptyCloudInit, seedRequest, type CloudInitDraft } from "./cloud-init-draft";
import { emptyUnattended, unattendedRequest, type UnattendedDraft } from "./unattended-draft";

/** The wizard's choices, in the order it offers them (their words are messages keyed by these values). */
export const installMethods = ["iso", "url", "pxe", "import", "ova"] as const;
export const storageKinds = ["new", "existing", "none"] as const;
export const networkTypes = ["network", "bridge", "direct", "none"] as const;

export type Draft = {
  hostId: string;
  method: (typeof installMethods)[number];
  url: string;
  kickstart: string;
  kernelArgs: string;
  virtType: "auto" | "kvm" | "qemu";
  /** "" for the host's own architecture, and for the machine type chosen for the OS. */
  arch: string;
  machine: string;
  isoPool: string;
  isoVolume: string;
  importPool: string;
  importVolume: string;
  /** The imported disk's cloud-init seed (cloud images): off unless asked for. */
  cloudInit: CloudInitDraft;
  /** An ISO or network install that runs by itself with the OS's osinfo install script: off unless asked for. */
  unattended: UnattendedDraft;
  /** The pool an appliance's disks are converted into, and the appliance as the console read it (once uploaded). */
  ovaPool: string;
  ova: OvaSummary | null;
  os: string;
  osLabel: string;
  detected: string | null;
  advice: OsAdvice | null;
  memoryMiB: string;
  maxMemoryMiB: string;
  vcpus: string;
  storageKind: (typeof storageKinds)[number];
  storagePool: string;
  sizeGiB: string;
  format: (typeof diskFormats)[number];
  allocateNow: boolean;
  existingPool: string;
  existingVolume: string;
  networkType: (typeof networkTypes)[number];
  networkName: string;
  bridge: string;
  directDev: string;
  directMode: (typeof directModes)[number];
  /** "" for the model chosen for the OS. */
  nicModel: string;
  mac: string;
  name: string;
  firmware: "auto" | "bios" | "uefi";
  /** The cluster's baseline CPU instead of the host's own. */
  clusterCpu: boolean;
};

export const emptyDraft = (hostId: string): Draft => ({
  hostId,
  method: "iso",
  url: "",
  kickstart: "",
  kernelArgs: "",
  virtType: "auto",
  arch: "",
  machine: "",
  isoPool: "",
  isoVolume: "",
  importPool: "",
  importVolume: "",
  cloudInit: emptyCloudInit,
  unattended: emptyUnattended,
  ovaPool: "default",
  ova: null,
  os: "generic",
  osLabel: "Generic or unknown OS",
  detected: null,
  advice: null,
  memoryMiB: "1024",
  maxMemoryMiB: "",
  vcpus: "1",
  storageKind: "new",
  storagePool: "default",
  sizeGiB: "20",
  format: "qcow2",
  allocateNow: false,
  existingPool: "",
  existingVolume: "",
  networkType: "network",
  networkName: "default",
  bridge: "",
  directDev: "",
  directMode: "bridge",
  nicModel: "",
  mac: "",
  name: "",
  firmware: "auto",
  clusterCpu: false,
});

const GiB = 1024 ** 3;
const int = (text: string) => (text.trim() === "" ? NaN : Number(text));

/** What the shared schema checks (and the server checks again): numbers parsed, only the chosen branches. */
export function toRequest(d: Draft): unknown {
  const install = {
    iso: { method: "iso", pool: d.isoPool, volume: d.isoVolume, unattended: unattendedRequest(d.unattended) },
    url: {
      method: "url",
      url: d.url,
      kickstart: d.kickstart.trim() || undefined,
      kernelArgs: d.kernelArgs,
      unattended: unattendedRequest(d.unattended),
    },
    import: { method: "import", pool: d.importPool, volume: d.importVolume, cloudInit: seedRequest(d.cloudInit) },
    pxe: { method: "pxe" },
    ova: { method: "ova", pool: d.ovaPool, upload: d.ova?.upload ?? "" },
  }[d.method];
  const storage =
    d.method === "import" || d.method === "ova" || d.storageKind === "none"
      ? { kind: "none" }
      : d.storageKind === "existing"
        ? { kind: "existing", pool: d.existingPool, volume: d.existingVolume }
        : {
            kind: "new",
            pool: d.storagePool,
            capacityBytes: Math.round((int(d.sizeGiB) * GiB) / 1048576) * 1048576,
            format: d.format,
            allocateNow: d.allocateNow,
          };
  const network =
    d.networkType === "network"
      ? { type: "network", name: d.networkName }
      : d.networkType === "bridge"
        ? { type: "bridge", bridge: d.bridge }
        : d.networkType === "direct"
          ? { type: "direct", dev: d.directDev, mode: d.directMode }
          : { type: "none" };
  return {
    name: d.name,
    install,
    os: d.os,
    memoryMiB: int(d.memoryMiB),
    maxMemoryMiB: d.maxMemoryMiB.trim() ? int(d.maxMemoryMiB) : undefined,
    vcpus: int(d.vcpus),
    storage,
    network,
    mac: d.mac.trim() || undefined,
    nicModel: d.networkType !== "none" && d.nicModel ? d.nicModel : undefined,
    firmware: d.firmware,
    virtType: d.virtType,
    arch: d.arch || undefined,
    machine: d.machine || undefined,
    clusterCpu: d.clusterCpu,
  };
}
