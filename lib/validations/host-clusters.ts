// Host clusters (issue 30): one set of rules for the admin form, the API and the stored rows.
import { z } from "zod";
import { said } from "./messages";
import { tagsSchema } from "./tags";

export const placementPolicies = ["spread", "pack"] as const;
export type PlacementPolicy = (typeof placementPolicies)[number];

/** What a new cluster starts with, and what a stored row falls back to. */
export const clusterDefaults = {
  policy: "spread" as PlacementPolicy,
  vcpuOvercommit: 4,
  maintenanceParallel: 2,
  migrationsPerHost: 2,
  migrationBandwidthMiBs: 0,
  migrationAutoConverge: false,
  migrationStallSeconds: 0,
  balanceCpuPercent: 0,
  balanceMinutes: 10,
  balanceAutomatic: false,
};

/** A libvirt network or storage pool name, as libvirt accepts them. */
const objectName = z
  .string()
  .trim()
  .min(1, said("nameNotEmpty"))
  .max(64, said("atMostChars"))
  .regex(/^[^/\s]+$/, said("noSpacesOrSlashes"));

const names = z
  .array(objectName)
  .max(32, said("atMostNames"))
  .transform((list) => [...new Set(list)].sort());

export const clusterSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, said("giveClusterName"))
    .max(64, said("atMostChars"))
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, said("clusterNameChars")),
  description: z.string().trim().max(1024, said("atMostManyChars")).default(""),
  policy: z.enum(placementPolicies).default(clusterDefaults.policy),
  requiredNetworks: names.default([]),
  requiredPools: names.default([]),
  antiAffinityTags: tagsSchema.default([]),
  affinityTags: tagsSchema.default([]),
  vcpuOvercommit: z.coerce
    .number()
    .min(1, said("atLeastOneNoOvercommit"))
    .max(32, said("atMostValue"))
    .default(clusterDefaults.vcpuOvercommit),
  maintenanceParallel: z.coerce
    .number()
    .int(said("wholeNumber"))
    .min(1, said("atLeastOne"))
    .max(16, said("atMostValue"))
    .default(clusterDefaults.maintenanceParallel),
  /** Live migrations at once per member host, outgoing and incoming together; more wait queued. */
  migrationsPerHost: z.coerce
    .number()
    .int(said("wholeNumber"))
    .min(1, said("atLeastOneMigration"))
    .max(16, said("atMostValue"))
    .default(clusterDefaults.migrationsPerHost),
  /** The bandwidth of a migration that names none, MiB/s; 0 = unlimited. */
  migrationBandwidthMiBs: z.coerce
    .number()
    .int(said("wholeMiBs"))
    .min(0, said("unlimitedOrMoreMiBs"))
    .max(100_000, said("atMost100000MiBs"))
    .default(clusterDefaults.migrationBandwidthMiBs),
  migrationAutoConverge: z.boolean().default(clusterDefaults.migrationAutoConverge),
  /** Seconds without the remaining data shrinking after which a migration is aborted; 0 = never. */
  migrationStallSeconds: z.coerce
    .number()
    .int(said("wholeSeconds"))
    .min(0, said("neverOrMoreSeconds"))
    .max(86_400, said("atMostADayOfSeconds"))
    .default(clusterDefaults.migrationStallSeconds),
  /** Balancing: a member whose guests use more than this % of its CPUs for balanceMinutes gets a move; 0 = off. */
  balanceCpuPercent: z.coerce
    .number()
    .int(said("wholePercent"))
    .min(0, said("offOrPercent"))
    .max(100, said("offOrPercent"))
    .default(clusterDefaults.balanceCpuPercent),
  balanceMinutes: z.coerce
    .number()
    .int(said("wholeNumber"))
    .min(1, said("atLeastMinutes"))
    .max(1440, said("atMostADay"))
    .default(clusterDefaults.balanceMinutes),
  /** Make the proposed moves at once (as the admin who saved this), instead of waiting for an operator. */
  balanceAutomatic: z.boolean().default(clusterDefaults.balanceAutomatic),
});
export type ClusterInput = z.input<typeof clusterSchema>;
export type ClusterSettings = z.infer<typeof clusterSchema>;

/** The members of a cluster, as one whole set (a host leaves any other cluster it was in). */
export const clusterMembersSchema = z.object({ hostIds: z.array(z.string().min(1).max(64)).max(256) });

/** The size and tags of a guest to place (the wizard asks before it exists). */
export const placementQuerySchema = z.object({
  memoryMiB: z.coerce
    .number()
    .int()
    .min(1)
    .max(16 * 1024 * 1024),
  vcpus: z.coerce.number().int().min(1).max(4096),
  tags: z
    .string()
    .max(1024)
    .default("")
    .transform((t) => t.split(",").filter(Boolean)),
});
export type PlacementQuery = z.infer<typeof placementQuerySchema>;

export const clusterRouteParams = z.object({ clusterId: z.string().min(1).max(64) });

/** Splits what a person typed ("default, br0") into names. */
export function splitNames(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** A JSON array of strings kept in a row; anything else reads as empty. */
export function parseStoredNames(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export const proposalRouteParams = clusterRouteParams.extend({ proposalId: z.string().min(1).max(64) });

/** What an admin does with a balancing proposal. */
export const balanceDecisionSchema = z.object({ decision: z.enum(["migrate", "dismiss"]) });
