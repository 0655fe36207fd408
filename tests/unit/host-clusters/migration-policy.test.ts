import { describe, expect, it } from "vitest";
import { applyMigrationPolicy, hostsAtLimit, type MigrationPolicy } from "@/lib/host-clusters/migration-policy";
import { VirDomainMigrateFlags as F } from "@/lib/libvirt/generated/flags";
import { migrationCall } from "@/lib/server/guests/migration/migration-call";
import { clusterSchema } from "@/lib/validations/host-clusters";
import { migrationOptionsSchema } from "@/lib/validations/migration";
import { issueText } from "../../helpers/issue-text";

const options = (o: Record<string, unknown> = {}) => migrationOptionsSchema.parse({ destinationHostId: "h2", mode: "live", ...o });
const policy = (o: Partial<MigrationPolicy> = {}): MigrationPolicy => ({
  cluster: "lab",
  migrationsPerHost: 2,
  bandwidthMiBs: 64,
  autoConverge: true,
  stallSeconds: 120,
  ...o,
});

describe("a cluster's migration policy on one migration", () => {
  it("gives a live migration that names no bandwidth the cluster's, and auto-converge, so libvirt is called with both", () => {
    const applied = applyMigrationPolicy(options(), policy());
    expect(applied).toMatchObject({ stallSeconds: 120, migrationsPerHost: 2 });
    expect(applied.options).toMatchObject({ bandwidthMiBs: 64, autoConverge: true });
    const { flags, params } = migrationCall(applied.options);
    expect(params.bandwidth).toBe(64n);
    expect(flags & F.VIR_MIGRATE_AUTO_CONVERGE).toBeTruthy();
  });

  it("keeps the bandwidth a migration names itself, and auto-converge it asked for when the cluster does not", () => {
    const applied = applyMigrationPolicy(options({ bandwidthMiBs: 500, autoConverge: true }), policy({ autoConverge: false }));
    expect(applied.options).toMatchObject({ bandwidthMiBs: 500, autoConverge: true });
  });

  it("a cluster bandwidth of 0 leaves the migration unlimited", () => {
    const { params } = migrationCall(applyMigrationPolicy(options(), policy({ bandwidthMiBs: 0 })).options);
    expect(params.bandwidth).toBeUndefined();
  });

  it("changes nothing outside clusters, nor for an offline migration", () => {
    const live = options({ bandwidthMiBs: 0 });
    expect(applyMigrationPolicy(live, null)).toEqual({ options: live, stallSeconds: 0, migrationsPerHost: null });
    const offline = options({ mode: "offline" });
    expect(applyMigrationPolicy(offline, policy())).toEqual({ options: offline, stallSeconds: 0, migrationsPerHost: null });
  });
});

describe("migrations at once per host", () => {
  const running = [
    { sourceHostId: "a", destinationHostId: "b" },
    { sourceHostId: "c", destinationHostId: "a" },
  ];

  it("counts what a host sends and receives against its own limit", () => {
    expect(
      hostsAtLimit(running, [
        { hostId: "a", limit: 2 },
        { hostId: "b", limit: 2 },
      ]),
    ).toEqual(["a"]);
    expect(
      hostsAtLimit(running, [
        { hostId: "a", limit: 3 },
        { hostId: "b", limit: 1 },
      ]),
    ).toEqual(["b"]);
    expect(hostsAtLimit(running, [{ hostId: "d", limit: 1 }])).toEqual([]);
  });

  it("a host without a limit is never full", () => {
    expect(hostsAtLimit(running, [{ hostId: "a", limit: null }])).toEqual([]);
  });
});

describe("the cluster form's migration settings", () => {
  const fields = (input: Record<string, unknown>) => {
    const r = clusterSchema.safeParse({ name: "lab", ...input });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), issueText(i)]));
  };

  it("refuses a negative bandwidth, 0 migrations at once and a negative stall timeout, each on its field", () => {
    expect(fields({ migrationBandwidthMiBs: "-5", migrationsPerHost: "0", migrationStallSeconds: -1 })).toEqual({
      migrationBandwidthMiBs: "0 (unlimited) or more MiB/s",
      migrationsPerHost: "At least 1 migration at once",
      migrationStallSeconds: "0 (never) or more seconds",
    });
    expect(fields({ migrationsPerHost: "1.5" })).toEqual({ migrationsPerHost: "A whole number" });
  });

  it("defaults to two at once, unlimited bandwidth, no auto-converge and no stall timeout", () => {
    expect(clusterSchema.parse({ name: "lab" })).toMatchObject({
      migrationsPerHost: 2,
      migrationBandwidthMiBs: 0,
      migrationAutoConverge: false,
      migrationStallSeconds: 0,
    });
  });
});
