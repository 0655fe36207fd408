import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { Libvirt } from "@/lib/libvirt";
import { diskBuses, type DiskValues } from "@/lib/validations/hardware/disk";
import { Controller, Disk, type Domain, StorageVolume } from "@/lib/xml";
import { ApiError, invalidFields } from "../../../http/errors";
import type { Artefact } from "../../../jobs/artefacts";
import { defineCodec, type CreateContext } from "../codec";
import { cannotCreate, changed, known } from "./shared-codec";

/** vda, vdb … vdz, vdaa …: libvirt's own naming. */
function driveName(prefix: string, index: number): string {
  let suffix = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) suffix = String.fromCharCode(97 + ((n - 1) % 26)) + suffix;
  return prefix + suffix;
}

/** The first target name no disk uses, in the saved definition or the running guest (a hot-plugged disk may be in only one). */
function freeTarget(prefix: string, doms: (Domain | null)[]): string {
  const used = new Set(doms.flatMap((d) => d?.devices.disks.map((disk) => disk.targetDev) ?? []));
  for (let i = 0; ; i++) if (!used.has(driveName(prefix, i))) return driveName(prefix, i);
}

/** Without the host to ask, the image format is read from the name; qcow2 opened as raw would hand the guest the qcow2 header. */
const formatFromName = (path: string) => (/\.qcow2?$/i.test(path) ? "qcow2" : "raw");

function writeSource(disk: Disk, values: DiskValues, format?: string): void {
  if (values.sourceKind === "other" || values.sourceKind === "new") return;
  disk.clearSource();
  if (values.sourceKind === "none") {
    disk.type = "file";
    return;
  }
  const path = values.sourceKind === "volume" ? values.volume : values.path;
  if (path.startsWith("/dev/")) {
    disk.type = "block";
    disk.sourceDev = path;
  } else {
    disk.type = "file";
    disk.sourceFile = path;
  }
  disk.driverName ??= "qemu";
  disk.driverType = format ?? (values.device === "disk" ? formatFromName(path) : "raw");
}

function writeTuning(disk: Disk, before: DiskValues | null, values: DiskValues): void {
  const set = <K extends keyof DiskValues>(key: K, write: () => void) => (!before || changed(before, values, key) ? write() : undefined);
  set("cache", () => (disk.driverCache = values.cache === "default" ? undefined : values.cache));
  set("io", () => (disk.driverIo = values.io === "default" ? undefined : values.io));
  set("discard", () => (disk.driverDiscard = values.discard === "default" ? undefined : values.discard));
  set("readonly", () => (disk.readonly = values.readonly || values.device === "cdrom"));
  set("shareable", () => (disk.shareable = values.shareable));
  set("serial", () => (disk.serial = values.serial || undefined));
}

/** A new volume in the chosen pool, named after the guest and the drive, and the artefact that removes it again. */
async function newVolume(
  { lv, hostId }: CreateContext,
  guest: string,
  target: string,
  values: DiskValues,
): Promise<{ path: string; made: Artefact }> {
  const pool = await lv.storage.lookupPool(values.newPool).catch(() => {
    throw invalidFields({ newPool: { key: "noPoolNamed", values: { name: values.newPool } } });
  });
  const name = `${guest}-${target}.${values.newFormat === "qcow2" ? "qcow2" : "img"}`;
  if ((await lv.storage.listVolumes(pool)).some((v) => v.name === name)) {
    throw new ApiError(
      409,
      { key: "poolVolumeExists", values: { pool: values.newPool, name } },
      { newPool: { key: "takenInPool", values: { name } } },
    );
  }
  const capacityBytes = Math.round((values.newSizeGiB ?? 0) * 1024 ** 3);
  const vol = await lv.storage.createVolume(
    pool,
    new StorageVolume({ name, capacityBytes, allocationBytes: 0, format: values.newFormat }).toXml(),
  );
  const path = StorageVolume.parse(await lv.storage.volumeXml(vol)).targetPath!;
  return { path, made: { kind: "volume", hostId, pool: values.newPool, name } };
}

/** The format libvirt records for a volume at this path, when it is one. */
async function volumeFormat(lv: Libvirt, path: string): Promise<string | undefined> {
  try {
    return StorageVolume.parse(await lv.storage.volumeXml(await lv.storage.lookupVolumeByPath(path))).format;
  } catch {
    return undefined; // not a volume libvirt knows: the name decides
  }
}

function ensureScsiController(dom: Domain): void {
  if (dom.devices.controllers.find((c) => c.type === "scsi")) return;
  dom.devices.add(new Controller({ type: "scsi", index: 0, model: Controller.defaults.model }));
}

export const diskCodec = defineCodec<Disk, DiskValues>({
  family: "disk",
  list: (dom) => dom.devices.disks,
  describe: (d) => {
    const device = d.device === "cdrom" || d.device === "floppy" ? d.device : "disk";
    const source = d.sourceDescription ?? say(device === "disk" ? "noSource" : "empty");
    return describeAs([say(device), d.targetDev], [source, d.targetBus ?? "?", d.driverType]);
  },
  values: (d) => {
    const path = d.sourceFile ?? d.sourceDev;
    const device = d.device === "cdrom" || d.device === "floppy" ? d.device : "disk";
    const sourceKind = path ? "path" : d.sourceDescription ? "other" : device === "disk" ? "other" : "none";
    return {
      device,
      sourceKind,
      newPool: "",
      newSizeGiB: null,
      newFormat: d.driverType === "raw" ? "raw" : "qcow2",
      volume: "",
      path: path ?? "",
      bus: known(diskBuses, d.targetBus, Disk.defaultBus(device)),
      cache: known(Disk.caches, d.driverCache, "default"),
      io: known(Disk.ioModes, d.driverIo, "default"),
      discard: known(Disk.discards, d.driverDiscard, "default"),
      readonly: d.readonly,
      shareable: d.shareable,
      serial: d.serial ?? "",
    };
  },
  create: async (values, ctx: CreateContext) => {
    if (values.sourceKind === "other") cannotCreate("pickDiskSource");
    const targetDev = freeTarget(Disk.targetPrefixes[values.bus], [ctx.saved, ctx.live]);
    const disk = new Disk({ type: "file", device: values.device, driverName: "qemu", targetDev, targetBus: values.bus });
    let made: Artefact | undefined;
    if (values.sourceKind === "new") {
      const created = await newVolume(ctx, ctx.saved.name ?? "guest", targetDev, values);
      disk.sourceFile = created.path;
      disk.driverType = values.newFormat;
      made = created.made;
    } else {
      const path = values.sourceKind === "volume" ? values.volume : values.path;
      writeSource(disk, values, path ? await volumeFormat(ctx.lv, path) : undefined);
    }
    writeTuning(disk, null, values);
    if (values.bus === "scsi") ensureScsiController(ctx.saved);
    return { device: disk, made };
  },
  edit: (disk, values) => {
    const before = diskCodec.values(disk);
    if (changed(before, values, "sourceKind", "volume", "path")) writeSource(disk, values);
    writeTuning(disk, before, values);
  },
  identity: (d) => d.targetDev,
  // libvirt changes a running guest's CD-ROM or floppy media, and hot-plugs VirtIO, SCSI and USB disks.
  hotplug: { attach: true, detach: true, update: true },
});
