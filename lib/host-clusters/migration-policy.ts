// A cluster's migration policy (issue 30) and what it makes of one migration's options. Shared, pure: the server
// applies it (lib/server/guests/migration/migrate-guest.ts), the unit tests feed it.
import type { MigrationOptions } from "@/lib/validations/migration";

/** The policy of the cluster a host is in, as the migration of a guest on it uses it. */
export type MigrationPolicy = {
  cluster: string;
  /** Live migrations at once per host, outgoing and incoming together. */
  migrationsPerHost: number;
  /** For a migration that names no bandwidth; 0 = unlimited. */
  bandwidthMiBs: number;
  autoConverge: boolean;
  /** Seconds without the remaining data shrinking before the migration is aborted; 0 = never. */
  stallSeconds: number;
};

/** What a migration runs with once its source host's cluster policy is applied. */
export type PolicyApplied = {
  options: MigrationOptions;
  /** 0 = never aborted for lack of progress. */
  stallSeconds: number;
  /** The limit of live migrations at once on the source host; null = none. */
  migrationsPerHost: number | null;
};

/**
 * Applies the source host's cluster policy to a live migration: a bandwidth the migration names itself (more
 * than 0) is kept, otherwise it takes the cluster's default; auto-converge is on when either asks for it.
 * Offline migrations copy no memory, and a host in no cluster has no policy: their options stay as they are.
 */
export function applyMigrationPolicy(options: MigrationOptions, policy: MigrationPolicy | null): PolicyApplied {
  if (!policy || options.mode !== "live") return { options, stallSeconds: 0, migrationsPerHost: null };
  return {
    options: {
      ...options,
      bandwidthMiBs: options.bandwidthMiBs > 0 ? options.bandwidthMiBs : policy.bandwidthMiBs,
      autoConverge: options.autoConverge || policy.autoConverge,
    },
    stallSeconds: policy.stallSeconds,
    migrationsPerHost: policy.migrationsPerHost,
  };
}

/** A live migration under way on some host, as the slot count sees it. */
export type RunningMigration = { sourceHostId: string; destinationHostId: string };

/**
 * The hosts whose limit a new migration would go over: each host with a limit (its cluster's migrations at once)
 * counts the running migrations it sends or receives.
 */
export function hostsAtLimit(running: readonly RunningMigration[], limits: readonly { hostId: string; limit: number | null }[]): string[] {
  return limits
    .filter(({ hostId, limit }) => {
      if (limit === null) return false;
      const busy = running.filter((m) => m.sourceHostId === hostId || m.destinationHostId === hostId).length;
      return busy >= limit;
    })
    .map((l) => l.hostId);
}
