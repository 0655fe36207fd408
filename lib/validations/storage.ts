import { z } from "zod";
import { said } from "./messages";
import { volumeFormats } from "@/lib/storage/types";
import { nameSchema } from "./names";

/** Pool and volume names end up in paths on the host: no slashes, no leading dot, nothing a shell or XML would read twice. */
export const poolNameSchema = nameSchema("pool");
export const volumeNameSchema = nameSchema("volume");

/** An absolute host path without '..' segments or control characters. */
export const absolutePath = (example: string) =>
  z
    .string()
    .trim()
    .max(4096)
    .refine((p) => /^\/[^\0-\x1f]*$/.test(p), { message: said("absolutePathExample"), params: { example } })
    .refine((p) => !p.split("/").includes(".."), said("noDotDotInPath"));

const devicePath = absolutePath("/dev/sdb").refine((p) => p.startsWith("/dev/"), said("devicePath"));
const hostName = z
  .string()
  .trim()
  .min(1, said("enterServer"))
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, said("hostOrIp"));
const iqn = z
  .string()
  .trim()
  .max(223)
  .regex(/^(iqn\.\d{4}-\d{2}\.[^\s]+|eui\.[0-9A-Fa-f]{16})$/, said("iscsiName"));

const common = { name: poolNameSchema, autostart: z.boolean().default(true) };

/** One schema per pool type, carrying only the fields that type needs (the wizard shows the same ones). */
export const createPoolSchema = z.discriminatedUnion("type", [
  z.object({ ...common, type: z.literal("dir"), targetPath: absolutePath("/var/lib/libvirt/images/pool") }),
  z.object({
    ...common,
    type: z.literal("fs"),
    sourceDevice: devicePath,
    sourceFormat: z.enum(["auto", "ext4", "ext3", "xfs", "btrfs", "vfat"]).default("auto"),
    targetPath: absolutePath("/mnt/pool"),
  }),
  z.object({
    ...common,
    type: z.literal("netfs"),
    sourceHost: hostName,
    sourceDir: absolutePath("/export/images"),
    sourceFormat: z.enum(["auto", "nfs", "glusterfs", "cifs"]).default("nfs"),
    targetPath: absolutePath("/mnt/nfs-pool"),
  }),
  z.object({
    ...common,
    type: z.literal("logical"),
    /** An existing volume group by name, or a new one built on the listed devices. */
    sourceName: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9+_.-]{1,64}$/, said("volumeGroupName")),
    sourceDevices: z.array(devicePath).max(16).default([]),
    /** Build: create the volume group on the devices, erasing them. Off: use an existing group. */
    buildNew: z.boolean().default(false),
  }),
  z.object({
    ...common,
    type: z.literal("disk"),
    sourceDevice: devicePath,
    sourceFormat: z.enum(["auto", "gpt", "dos"]).default("gpt"),
    /** Build: write a new, empty partition table, erasing the disk. */
    buildNew: z.boolean().default(false),
  }),
  z.object({ ...common, type: z.literal("iscsi"), sourceHost: hostName, sourceDevice: iqn, initiatorIqn: iqn.optional() }),
  z.object({
    ...common,
    type: z.literal("scsi"),
    adapterName: z
      .string()
      .trim()
      .regex(/^host\d{1,4}$/, said("scsiAdapter")),
  }),
]);
export type CreatePoolInput = z.infer<typeof createPoolSchema>;

/** The same, with the cross-field rule for a new volume group (needs its devices). */
export const createPoolRequestSchema = createPoolSchema.refine(
  (p) => !(p.type === "logical" && p.buildNew && p.sourceDevices.length === 0),
  {
    message: said("listVgDevices"),
    path: ["sourceDevices"],
  },
);

export const poolActionSchema = z.object({ action: z.enum(["start", "stop", "refresh", "autostart-on", "autostart-off"]) });
export const deletePoolSchema = z.object({ deleteData: z.boolean().default(false) });

const GiB = 1024 ** 3;
const bytes = z
  .number()
  .int(said("wholeBytes"))
  .positive(said("moreThanZero"))
  .max(64 * 1024 * GiB, said("atMost64TiB"));

export const createVolumeSchema = z
  .object({
    name: volumeNameSchema,
    format: z.enum(volumeFormats).default("qcow2"),
    capacityBytes: bytes,
    /** "Allocate entire disk now": write every byte up front instead of growing as the guest writes. */
    allocateNow: z.boolean().default(false),
    /** A qcow2 overlay on this volume (same pool); the new volume starts with its contents. */
    backingVolume: volumeNameSchema.optional(),
    /** Sparse volumes bigger than the pool's free space need this, after the warning. */
    overcommit: z.boolean().default(false),
  })
  .refine((v) => !(v.backingVolume && v.format !== "qcow2"), {
    message: said("backingQcow2Only"),
    path: ["backingVolume"],
  })
  .refine((v) => !(v.backingVolume && v.allocateNow), {
    message: said("overlayNoAllocate"),
    path: ["allocateNow"],
  });
export type CreateVolumeInput = z.infer<typeof createVolumeSchema>;

export const resizeVolumeSchema = z.object({ capacityBytes: bytes, confirmShrink: z.boolean().default(false) });
export const cloneVolumeSchema = z.object({ name: volumeNameSchema });
export const deleteVolumeSchema = z.object({ evenIfUsed: z.boolean().default(false) });

/** Upload into a new volume (its size is the file's) or over an existing one. */
export const uploadQuerySchema = z.object({
  sizeBytes: z.coerce
    .number()
    .int()
    .positive()
    .max(64 * 1024 * GiB),
  create: z.enum(["0", "1"]).default("1"),
  sha256: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, said("sha256Digits"))
    .transform((s) => s.toLowerCase())
    .optional(),
});

/** Names that already exist (made outside the console, too) are addressed as they are: no slashes, no control characters. */
const existingName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\0-\x1f]+$/)
  .refine((n) => n !== "." && n !== "..");

export const poolRouteParams = z.object({ id: z.string().min(1), pool: existingName }).transform(({ id, pool }) => ({ hostId: id, pool }));
export const volumeRouteParams = z
  .object({ id: z.string().min(1), pool: existingName, volume: existingName })
  .transform(({ id, pool, volume }) => ({ hostId: id, pool, volume }));
