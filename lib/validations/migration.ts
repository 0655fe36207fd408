// Shared by the migrate dialog and its handlers: what a person chooses for one migration.
import { z } from "zod";
import { said } from "./messages";
import { parseUri } from "@/lib/libvirt/uri";

export const compressionMethods = ["none", "xbzrle", "mt"] as const;
export type CompressionMethod = (typeof compressionMethods)[number];

/** A libvirt URI that names another machine: what the source host's libvirtd connects to. */
export const peerUriSchema = z
  .string()
  .trim()
  .max(1024)
  .refine((uri) => {
    try {
      const parsed = parseUri(uri);
      return parsed.transport !== "unix" && parsed.transport !== "ext" && Boolean(parsed.host);
    } catch {
      return false;
    }
  }, said("migrationUri"));

/** A migration's bandwidth limit in MiB/s; 0 = no limit. */
const bandwidthMiBsSchema = z.coerce
  .number()
  .int(said("wholeMiBs"))
  .min(0, "0 (no limit) or more")
  .max(100_000, said("atMost100000MiBs"))
  .default(0);

export const migrationOptionsSchema = z
  .object({
    destinationHostId: z.string().min(1, said("chooseDestination")).max(64),
    /** live: the running guest keeps running while its memory is copied; offline: only the definition moves (shut-off guests). */
    mode: z.enum(["live", "offline"]),
    /** Keep a definition on the destination (a live migration otherwise leaves a transient guest there). */
    persistent: z.boolean().default(true),
    /** Remove the definition from the source afterwards. */
    undefineSource: z.boolean().default(true),
    /** Copy disks that are not on shared storage to the destination (live only). */
    copyStorage: z.boolean().default(false),
    bandwidthMiBs: bandwidthMiBsSchema,
    autoConverge: z.boolean().default(false),
    compression: z.enum(compressionMethods).default("none"),
    /** Where the source QEMU sends the guest's memory (tcp://address[:port]); empty = the address the destination libvirtd picks. */
    migrateUri: z
      .union([
        z.literal("").transform(() => undefined),
        z
          .string()
          .trim()
          .regex(
            /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/,
            "tcp://address or tcp://address:port, as the source host reaches the destination",
          ),
      ])
      .optional(),
    /** Overrides how the source daemon reaches the destination; empty = derived from the destination host's URI. */
    peerUri: z.union([z.literal("").transform(() => undefined), peerUriSchema]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "offline" && v.copyStorage) ctx.addIssue({ code: "custom", path: ["copyStorage"], message: said("copyOnlyLive") });
    if (v.mode === "offline" && !v.persistent) ctx.addIssue({ code: "custom", path: ["persistent"], message: said("offlineDefines") });
  });
export type MigrationOptions = z.infer<typeof migrationOptionsSchema>;
export type MigrationOptionsInput = z.input<typeof migrationOptionsSchema>;

/** A new bandwidth limit for a migration that is running. */
export const migrationSpeedSchema = z.object({ bandwidthMiBs: bandwidthMiBsSchema });
export type MigrationSpeed = z.infer<typeof migrationSpeedSchema>;
