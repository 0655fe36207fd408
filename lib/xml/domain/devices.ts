// <devices>: one typed list per device family, plus add/remove for any device object.
import { type XmlModel, type ModelCtor, type ModelList, childElements, defineModel, list, text, wrapElement } from "../core";
import { Audio } from "../devices/audio";
import { Channel, Console, Parallel, Serial } from "../devices/chardev";
import { Controller } from "../devices/controller";
import { Disk } from "../devices/disk";
import { Graphics } from "../devices/graphics";
import { Hostdev, Hub, Redirdev, Redirfilter } from "../devices/hostdev";
import { Input } from "../devices/input";
import { Interface } from "../devices/interface";
import { MemoryDevice } from "../devices/memory";
import { Filesystem } from "../devices/filesystem";
import { Memballoon } from "../devices/memballoon";
import { Panic } from "../devices/panic";
import { Rng } from "../devices/rng";
import { Smartcard } from "../devices/smartcard";
import { Sound } from "../devices/sound";
import { Tpm } from "../devices/tpm";
import { Watchdog } from "../devices/watchdog";
import { Iommu, Lease, Nvram, Shmem, Vsock } from "../devices/system";
import { Video } from "../devices/video";

// Declared in the order libvirt prints devices, so added ones land where libvirt would put them.
const deviceFields = {
  emulator: text("./emulator"),
  disks: list(() => Disk, "./disk"),
  controllers: list(() => Controller, "./controller"),
  leases: list(() => Lease, "./lease"),
  filesystems: list(() => Filesystem, "./filesystem"),
  interfaces: list(() => Interface, "./interface"),
  smartcards: list(() => Smartcard, "./smartcard"),
  serials: list(() => Serial, "./serial"),
  parallels: list(() => Parallel, "./parallel"),
  consoles: list(() => Console, "./console"),
  channels: list(() => Channel, "./channel"),
  inputs: list(() => Input, "./input"),
  tpms: list(() => Tpm, "./tpm"),
  graphics: list(() => Graphics, "./graphics"),
  sounds: list(() => Sound, "./sound"),
  audios: list(() => Audio, "./audio"),
  videos: list(() => Video, "./video"),
  hostdevs: list(() => Hostdev, "./hostdev"),
  redirdevs: list(() => Redirdev, "./redirdev"),
  redirfilters: list(() => Redirfilter, "./redirfilter"),
  hubs: list(() => Hub, "./hub"),
  watchdogs: list(() => Watchdog, "./watchdog"),
  memballoons: list(() => Memballoon, "./memballoon"),
  rngs: list(() => Rng, "./rng"),
  nvrams: list(() => Nvram, "./nvram"),
  panics: list(() => Panic, "./panic"),
  shmems: list(() => Shmem, "./shmem"),
  memories: list(() => MemoryDevice, "./memory"),
  iommus: list(() => Iommu, "./iommu"),
  vsocks: list(() => Vsock, "./vsock"),
};

export type Device =
  | Disk
  | Controller
  | Lease
  | Filesystem
  | Interface
  | Smartcard
  | Serial
  | Parallel
  | Console
  | Channel
  | Input
  | Tpm
  | Graphics
  | Sound
  | Audio
  | Video
  | Hostdev
  | Redirdev
  | Redirfilter
  | Hub
  | Watchdog
  | Memballoon
  | Rng
  | Nvram
  | Panic
  | Shmem
  | MemoryDevice
  | Iommu
  | Vsock;

type ListKey = Exclude<keyof typeof deviceFields, "emulator">;

export class Devices extends defineModel("Devices", "devices", deviceFields) {
  private listFor(device: XmlModel): ModelList<XmlModel> {
    for (const [key, field] of Object.entries(deviceFields)) {
      if (field.kind === "list" && device instanceof field.model()) return this[key as ListKey] as unknown as ModelList<XmlModel>;
    }
    throw new Error(`${device.statics.modelName} is not a domain device`);
  }

  /** Adds a device (built with e.g. `new Disk({...})`) after the others of its kind; returns it, now live. */
  add<D extends Device>(device: D): D {
    this.listFor(device).add(device);
    return device;
  }

  remove(device: Device): boolean {
    return this.listFor(device).remove(device);
  }

  /** The list of one kind of device by its element name (`disk`, `memory`, …); undefined for other names. */
  ofKind(tag: string): ModelList<Device> | undefined {
    const entry = Object.entries(deviceFields).find(([, field]) => field.kind === "list" && field.path === `./${tag}`);
    return entry ? (this[entry[0] as ListKey] as unknown as ModelList<Device>) : undefined;
  }

  /** Every device in document order. */
  all(): Device[] {
    const element = this.xmlElement(false);
    if (!element) return [];
    const byTag = new Map<string, ModelCtor<Device>>();
    for (const field of Object.values(deviceFields)) {
      if (field.kind === "list") byTag.set(field.path.slice("./".length), field.model() as ModelCtor<Device>);
    }
    return childElements(element).flatMap((child) => {
      const cls = byTag.get(child.tagName);
      return cls ? [wrapElement(cls, child)] : [];
    });
  }
}
