import { z } from "zod";
import { said } from "./messages";
import { Interface } from "@/lib/xml/devices/interface";
import { guestNameSchema } from "./guests";
import { volumeNameSchema } from "./storage";
import { cloudInitSchema } from "./cloud-init";
import { unattendedSchema } from "./unattended";

const existingVolume = { pool: z.string().min(1, said("choosePool")), volume: z.string().min(1, said("chooseVolume")) };
const MiB = 1024 * 1024;

/** The formats a new disk may have, as the wizard offers them. */
export const diskFormats = ["qcow2", "raw"] as const;
/** Macvtap's source modes, as libvirt names them (the wizard shows these words as they are). */
export const directModes = ["bridge", "vepa", "private", "passthrough"] as const;

const treeUrl = z
  .string()
  .trim()
  .url(said("installUrl"))
  .refine((u) => /^(https?|ftp|nfs):\/\//i.test(u), said("installProtocols"));

/** How the guest gets its operating system (virt-manager's first step). */
export const installSchema = z.discriminatedUnion("method", [
  /** Local install media: an ISO volume of any pool. */
  z.object({ method: z.literal("iso"), ...existingVolume, unattended: unattendedSchema.optional() }),
  /** Network install tree (a .treeinfo tree over HTTP/HTTPS/FTP/NFS): its installer kernel and initrd are fetched and booted once. */
  z.object({
    method: z.literal("url"),
    url: treeUrl,
    /** A kickstart file for the installer (inst.ks=). */
    kickstart: treeUrl.optional(),
    kernelArgs: z
      .string()
      .trim()
      .max(1024)
      .regex(/^[^\0-\x1f]*$/, said("plainOneLine"))
      .default(""),
    /** Install by itself with the OS's osinfo install script (appended to the installer's initrd). */
    unattended: unattendedSchema.optional(),
  }),
  /** Network boot. */
  z.object({ method: z.literal("pxe") }),
  /** Import an existing disk image: it becomes the first disk, nothing is installed; a cloud image gets a cloud-init seed. */
  z.object({ method: z.literal("import"), ...existingVolume, cloudInit: cloudInitSchema.optional() }),
  /**
   * A virtual appliance (OVA) received before (its upload id): its disks are converted into `pool` and the
   * guest it describes is opened in "Customize configuration before install".
   */
  z.object({ method: z.literal("ova"), pool: z.string().min(1, said("choosePool")), upload: z.string().uuid(said("uploadOva")) }),
]);

export const storageChoiceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("new"),
    pool: z.string().min(1, said("choosePool")),
    capacityBytes: z
      .number()
      .int()
      .min(64 * MiB, said("atLeast64MiB"))
      .max(64 * 1024 ** 4, said("atMost64TiB")),
    format: z.enum(diskFormats).default("qcow2"),
    allocateNow: z.boolean().default(false),
  }),
  z.object({ kind: z.literal("existing"), ...existingVolume }),
  z.object({ kind: z.literal("none") }),
]);

export const networkChoiceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("network"), name: z.string().min(1, said("chooseNetwork")) }),
  z.object({ type: z.literal("bridge"), bridge: z.string().regex(/^[A-Za-z0-9_.:-]{1,15}$/, said("hostBridge")) }),
  /** macvtap on a host interface (virt-manager's "Macvtap device"). */
  z.object({
    type: z.literal("direct"),
    dev: z.string().regex(/^[A-Za-z0-9_.:-]{1,15}$/, said("hostInterface")),
    mode: z.enum(directModes).default("bridge"),
  }),
  z.object({ type: z.literal("none") }),
]);

/** NIC models the wizard offers (virt-manager's "Device model"); chosen for the OS when absent. */
export const nicModels = Interface.models;

export const newGuestSchema = z
  .object({
    name: guestNameSchema,
    install: installSchema,
    /** An osinfo id (URI or short id); "generic" when the OS is unknown. */
    os: z.string().min(1, said("chooseOs")),
    memoryMiB: z
      .number()
      .int()
      .min(64, said("atLeast64MiB"))
      .max(16 * 1024 * 1024),
    /** Maximum memory (balloon ceiling); equal to memory unless raised. */
    maxMemoryMiB: z
      .number()
      .int()
      .max(16 * 1024 * 1024)
      .optional(),
    vcpus: z.number().int().min(1, said("atLeastOne")).max(4096),
    storage: storageChoiceSchema,
    network: networkChoiceSchema,
    nicModel: z.enum(nicModels).optional(),
    mac: z
      .string()
      .regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/, said("macAddress"))
      .optional(),
    firmware: z.enum(["auto", "bios", "uefi"]).default("auto"),
    /** Advanced: KVM (the default where the host has it) or emulation (TCG, much slower). */
    virtType: z.enum(["auto", "kvm", "qemu"]).default("auto"),
    /** Advanced: another architecture the host's QEMU emulates; the host's own by default. */
    arch: z
      .string()
      .regex(/^[a-z0-9_]+$/, said("architecture"))
      .optional(),
    /** Advanced: a machine type of that architecture (q35, pc, or a versioned one); chosen for the OS by default. */
    machine: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, said("machineType"))
      .optional(),
    graphics: z.enum(["vnc", "spice"]).default("vnc"),
    /** The baseline CPU of the host's cluster instead of the host's own (so the guest can move to any member). */
    clusterCpu: z.boolean().default(false),
  })
  .refine((g) => g.maxMemoryMiB === undefined || g.maxMemoryMiB >= g.memoryMiB, {
    message: said("maxMemoryBelowStartup"),
    path: ["maxMemoryMiB"],
  })
  .refine((g) => g.install.method !== "url" || !(g.install.kickstart && g.install.unattended), {
    message: said("kickstartOrUnattended"),
    path: ["install", "kickstart"],
  })
  .refine((g) => (g.install.method !== "import" && g.install.method !== "ova") || g.storage.kind === "none", {
    message: said("importedDiskOnly"),
    path: ["storage"],
  });
export type NewGuestInput = z.infer<typeof newGuestSchema>;

export const treeSchema = z.object({ url: treeUrl });

export const detectSchema = z.object({ pool: z.string().min(1), volume: volumeNameSchema.or(z.string().min(1)) });

/** An appliance upload's query: its size in bytes (the body may not be longer). */
export const ovaQuerySchema = z.object({ sizeBytes: z.coerce.number().int().positive() });

/** An appliance the console downloads itself (through the guarded fetch) instead of an upload. */
export const ovaUrlSchema = z.object({ url: z.string().trim().url(said("imageUrl")).max(2000) });

/** Which received appliance's conversion the wizard follows. */
export const ovaProgressQuerySchema = z.object({ upload: z.string().uuid() });
