import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db";
import { cpSync, writeFileSync } from "node:fs";
import { migrate, NewerDatabaseError } from "@/lib/server/migrate";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

const dir = mkdtempSync(path.join(tmpdir(), "vc-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every model is written and read through the generated client: a migration that drifted from schema.prisma fails here. */
async function exerciseModels(url: string) {
  const db = createDb(url);
  try {
    const stamp = Date.now().toString(36);
    const user = await db.user.create({ data: { id: `u-${stamp}`, username: `user-${stamp}`, passwordHash: "x" } });
    const host = await db.host.create({
      data: { id: `h-${stamp}`, name: `host-${stamp}`, uri: "test:///default", credentialsRef: "ref", sshHostKey: "key" },
    });
    await db.session.create({
      data: {
        id: `s-${stamp}`,
        tokenHash: `t-${stamp}`,
        userId: user.id,
        expiresAt: new Date(Date.now() + 60_000),
        ip: "127.0.0.1",
        userAgent: "ua",
      },
    });
    await db.roleGrant.create({
      data: {
        id: `g-${stamp}`,
        userId: user.id,
        role: "helpdesk",
        scope: "guest",
        hostId: host.id,
        guestUuid: "00000000-0000-0000-0000-000000000001",
      },
    });
    await db.auditLog.create({
      data: { id: `a-${stamp}`, actor: user.username, actorId: user.id, action: "test", target: "t", details: "{}", result: "ok", ip: "" },
    });
    await db.loginFailure.create({ data: { id: `f-${stamp}`, username: user.username, address: "192.0.2.1" } });
    expect((await db.loginFailure.findFirstOrThrow({ where: { username: user.username } })).at.getTime()).toBeLessThanOrEqual(Date.now());
    await db.metricPoint.create({
      data: { hostId: host.id, guestUuid: "", resolution: "1m", bucket: 29_000_000, samples: 30, cpuPercent: 12.5, cpuPercentMax: 40 },
    });
    expect((await db.metricPoint.findFirstOrThrow({ where: { hostId: host.id } })).cpuPercentMax).toBe(40);
    await db.setting.create({ data: { key: `k-${stamp}`, value: '["10.0.0.0/8"]', updatedBy: user.username } });
    const setting = await db.setting.findUniqueOrThrow({ where: { key: `k-${stamp}` } });
    expect([setting.value, setting.updatedBy, setting.updatedAt instanceof Date]).toEqual(['["10.0.0.0/8"]', user.username, true]);
    // Identity (0008): a provider, a user signed in through it, a second factor, a token, a challenge, a token's audit row.
    const provider = await db.identityProvider.create({ data: { id: `p-${stamp}`, kind: "oidc", name: `idp-${stamp}`, config: "{}" } });
    const external = await db.user.create({
      data: { id: `x-${stamp}`, username: `ext-${stamp}`, passwordHash: "", source: "oidc", providerId: provider.id, externalId: "sub-1" },
    });
    await db.user.update({ where: { id: user.id }, data: { totpSecret: "sealed", totpEnabledAt: new Date(), totpLastStep: 59_000_000 } });
    await db.recoveryCode.create({ data: { id: `r-${stamp}`, userId: user.id, codeHash: "h" } });
    await db.apiToken.create({
      data: {
        id: `k-${stamp}`,
        userId: user.id,
        name: "ci",
        tokenHash: `th-${stamp}`,
        grants: "[]",
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    await db.loginChallenge.create({
      data: { id: `c-${stamp}`, tokenHash: `ch-${stamp}`, kind: "totp", userId: user.id, expiresAt: new Date() },
    });
    await db.auditLog.create({ data: { id: `v-${stamp}`, actor: user.username, action: "t", result: "ok", via: "token:k:ci" } });
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: `v-${stamp}` } })).via).toBe("token:k:ci");
    await db.identityProvider.delete({ where: { id: provider.id } });
    expect((await db.user.findUniqueOrThrow({ where: { id: external.id } })).providerId).toBeNull();
    const at = new Date();
    await db.job.create({
      data: {
        id: `j-${stamp}`,
        kind: "test",
        ownerId: user.id,
        label: "l",
        status: "scheduled",
        heartbeatAt: at,
        startedAt: at,
        done: 2 ** 40,
        scheduleKey: `k-${stamp}`,
        rule: '{"everyMs":60000}',
        runAt: at,
      },
    });
    expect(await db.job.findUniqueOrThrow({ where: { scheduleKey: `k-${stamp}` } })).toMatchObject({
      done: 2 ** 40,
      made: "[]",
      runs: 0,
      runAt: at,
    });
    await db.guestDraft.create({
      data: { uuid: `d-${stamp}`, hostId: host.id, ownerId: user.id, input: "{}", domainXml: "<domain/>", expiresAt: at },
    });
    expect((await db.guestDraft.findUniqueOrThrow({ where: { uuid: `d-${stamp}` } })).version).toBe(0);
    await db.consoleTicket.create({
      data: { tokenHash: `t-${stamp}`, userId: user.id, hostId: host.id, guestUuid: "u", kind: "vnc", expiresAt: at },
    });
    expect(await db.consoleTicket.findUniqueOrThrow({ where: { tokenHash: `t-${stamp}` } })).toMatchObject({ force: false, display: null });
    await db.serialLogLine.create({ data: { hostId: host.id, guestUuid: "u", device: "serial0", at, text: "booted ✓" } });
    expect((await db.serialLogLine.findFirstOrThrow({ where: { hostId: host.id } })).text).toBe("booted ✓");
    // Offsets past 4 GiB: a log file that grew for a long time.
    await db.serialLogCursor.create({ data: { hostId: host.id, guestUuid: "u", device: "serial0", path: "/l", offset: 2n ** 40n } });
    expect(
      (
        await db.serialLogCursor.findUniqueOrThrow({
          where: { hostId_guestUuid_device: { hostId: host.id, guestUuid: "u", device: "serial0" } },
        })
      ).offset,
    ).toBe(2n ** 40n);
    const read = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { sessions: true, grants: { include: { host: true } } },
    });
    expect(read.disabled).toBe(false);
    expect(read.sessions[0].expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(read.grants[0].host?.name).toBe(host.name);
    // Tags: a host's list, a grant on a tag, the mirror of guests' tags (gone with their host).
    await db.host.update({ where: { id: host.id }, data: { tags: '["web"]' } });
    expect((await db.host.findUniqueOrThrow({ where: { id: host.id } })).tags).toBe('["web"]');
    await db.roleGrant.create({ data: { id: `gt-${stamp}`, userId: user.id, role: "helpdesk", scope: "tag", tag: "branch-berlin" } });
    expect((await db.roleGrant.findFirstOrThrow({ where: { scope: "tag", tag: "branch-berlin" } })).userId).toBe(user.id);
    await db.roleGrant.delete({ where: { id: `gt-${stamp}` } }); // on no host: the cascade below does not take it
    await db.guestTag.create({ data: { hostId: host.id, guestUuid: "u", tag: "branch-berlin" } });
    expect(await db.guestTag.count({ where: { tag: "branch-berlin" } })).toBe(1);
    // High availability (0026): a host's power management and fencing state, a cluster's rules, a kept definition.
    const since = new Date();
    await db.host.update({
      where: { id: host.id },
      data: {
        bmcAddress: "10.0.0.9",
        bmcPort: 6230,
        bmcUser: "fence",
        bmcPasswordSealed: "v1.x",
        haState: "down",
        haStateSince: since,
        haDetail: "{}",
      },
    });
    expect(await db.host.findUniqueOrThrow({ where: { id: host.id } })).toMatchObject({
      bmcPort: 6230,
      haState: "down",
      haStateSince: since,
    });
    const ha = await db.hostCluster.create({ data: { id: `hc-${stamp}`, name: `hc-${stamp}` } });
    expect(ha).toMatchObject({ haGraceSeconds: 30, haFenceAutomatically: false });
    await db.hostCluster.delete({ where: { id: ha.id } });
    await db.haGuest.create({ data: { uuid: `g-${stamp}`, hostId: host.id, name: "g", xml: "<domain/>", markedBy: user.id } });
    expect(await db.haGuest.findUniqueOrThrow({ where: { uuid: `g-${stamp}` } })).toMatchObject({ running: true, hostId: host.id });
    await db.haGuest.delete({ where: { uuid: `g-${stamp}` } });
    // Cascades: removing the host removes its grants; removing the user removes sessions.
    await db.host.delete({ where: { id: host.id } });
    expect(await db.roleGrant.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.metricPoint.count({ where: { hostId: host.id } })).toBe(0);
    expect(await db.guestTag.count({ where: { hostId: host.id } })).toBe(0);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.loginChallenge.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { actorId: user.id } })).toBe(1);
  } finally {
    await db.$disconnect();
  }
}

describe("SQL migrations", () => {
  it("apply to a fresh SQLite file once, then are a no-op, and match the Prisma models", async () => {
    const url = `file:${path.join(dir, "sub", "fresh.db")}`;
    const first = await migrate(url);
    expect(first).toContain("0001_init.sql");
    expect(await migrate(url)).toEqual([]);
    await exerciseModels(url);
  });

  // scripts/setup-host.sh --tests installs Debian's postgresql, so a missing server is a failure, not a skip.
  it("apply to a fresh PostgreSQL database and match the Prisma models", async () => {
    const pgBin = postgresBinDir();
    if (!pgBin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
    const pg = await startPostgres(pgBin);
    try {
      expect(await migrate(pg.url)).toContain("0001_init.sql");
      expect(await migrate(pg.url)).toEqual([]);
      await exerciseModels(pg.url);
    } finally {
      await pg.stop();
    }
  });

  it("an older console refuses a database a newer one wrote, saying which version wrote it", async () => {
    // The "newer" console: today's migrations plus one this version does not have.
    const newer = path.join(dir, "newer-migrations");
    cpSync(path.join(process.cwd(), "prisma", "migrations"), newer, { recursive: true });
    writeFileSync(path.join(newer, "sqlite", "9999_from_the_future.sql"), `CREATE TABLE "Future" ("id" TEXT PRIMARY KEY);`);
    const url = `file:${path.join(dir, "newer.db")}`;
    expect(await migrate(url, newer, "9.9.9")).toContain("9999_from_the_future.sql");
    const refusal = migrate(url);
    await expect(refusal).rejects.toBeInstanceOf(NewerDatabaseError);
    await expect(refusal).rejects.toThrow(/written by virt-console 9\.9\.9.*9999_from_the_future\.sql/);
  });
});
