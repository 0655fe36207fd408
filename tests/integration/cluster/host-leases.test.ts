// Host leases on a real PostgreSQL server: three instances (three lease managers, each with its own database
// client, as three processes would have) spread six hosts evenly; one stopping hands its hosts over at once,
// one dying loses them when its leases run out, a newcomer gets its share; a host's work never runs on two
// instances at the same moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db";
import { HostLeases } from "@/lib/server/cluster/host-leases";
import { migrate } from "@/lib/server/migrate";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

const TTL_MS = 1_500;
const HOSTS = ["h1", "h2", "h3", "h4", "h5", "h6"];

let pg: { url: string; stop: () => Promise<void> };
let admin: Db;

type Member = { id: string; db: Db; leases: HostLeases; running: Set<string>; alive: boolean };
const members: Member[] = [];
/** Every moment two instances ran the same host's work (must stay empty). */
const overlaps: string[] = [];

function member(id: string): Member {
  const db = createDb(pg.url);
  const running = new Set<string>();
  const m: Member = { id, db, running, alive: true, leases: null as unknown as HostLeases };
  m.leases = new HostLeases({
    db,
    instanceId: id,
    ttlMs: TTL_MS,
    work: {
      start: async (hostId) => {
        for (const other of members) if (other !== m && other.running.has(hostId)) overlaps.push(`${hostId} on ${other.id} and ${id}`);
        running.add(hostId);
      },
      stop: (hostId) => void running.delete(hostId),
    },
  });
  members.push(m);
  return m;
}

/** One round of every live instance: heartbeats, then lease ticks (as their timers would do). */
async function round(): Promise<void> {
  const live = members.filter((m) => m.alive);
  await Promise.all(
    live.map((m) =>
      admin.instance.upsert({
        where: { id: m.id },
        create: { id: m.id, address: "test", heartbeatAt: new Date() },
        update: { heartbeatAt: new Date() },
      }),
    ),
  );
  for (const m of live) await m.leases.tick();
}

const spread = () =>
  members
    .filter((m) => m.alive)
    .map((m) => m.running.size)
    .sort();

async function roundsUntil(done: () => boolean | Promise<boolean>, max = 20): Promise<void> {
  for (let i = 0; i < max && !(await done()); i++) await round();
}

beforeAll(async () => {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  pg = await startPostgres(bin);
  await migrate(pg.url);
  admin = createDb(pg.url);
  for (const id of HOSTS) await admin.host.create({ data: { id, name: id, uri: "test:///default" } });
});

afterAll(async () => {
  for (const m of members) await m.db.$disconnect();
  await admin?.$disconnect();
  await pg?.stop();
});

describe("host leases on PostgreSQL", () => {
  it("three instances starting together spread six hosts two each, every host held once", async () => {
    member("i-a");
    member("i-b");
    member("i-c");
    await roundsUntil(() => spread().join() === "2,2,2");
    expect(spread()).toEqual([2, 2, 2]);
    const rows = await admin.hostLease.findMany();
    expect(rows.map((r) => r.hostId).sort()).toEqual(HOSTS);
    for (const m of members)
      expect([...m.running].sort()).toEqual(
        rows
          .filter((r) => r.instanceId === m.id)
          .map((r) => r.hostId)
          .sort(),
      );
  });

  it("an instance that stops hands its hosts over at once: the others take them at their next look", async () => {
    const [a] = members;
    const released = await a.leases.releaseAll();
    a.alive = false;
    expect(released).toHaveLength(2);
    expect(a.running.size).toBe(0);
    await admin.instance.delete({ where: { id: a.id } });
    await round();
    expect(spread()).toEqual([3, 3]);
  });

  it("a newcomer gets its share from the others", async () => {
    member("i-d");
    await roundsUntil(() => spread().join() === "2,2,2");
    expect(spread()).toEqual([2, 2, 2]);
  });

  it("the hosts of an instance that died are taken over once its leases run out", async () => {
    const dead = members.find((m) => m.id === "i-b")!;
    dead.alive = false; // no more heartbeats or renewals; its work is gone with the process
    const hadHosts = [...dead.running];
    dead.running.clear();
    const lastRenewal = await admin.hostLease.findMany({ where: { instanceId: dead.id } });
    await roundsUntil(async () => {
      await new Promise((r) => setTimeout(r, 200));
      const rows = await admin.hostLease.findMany({ where: { hostId: { in: hadHosts } } });
      return rows.every((r) => r.instanceId !== dead.id);
    }, 60);
    const rows = await admin.hostLease.findMany();
    expect(rows.filter((r) => r.instanceId === dead.id)).toEqual([]);
    expect(spread()).toEqual([3, 3]);
    // Not before its leases had run out.
    for (const before of lastRenewal) {
      const after = rows.find((r) => r.hostId === before.hostId)!;
      expect(after.acquiredAt.getTime()).toBeGreaterThanOrEqual(before.expiresAt.getTime());
    }
  });

  it("never ran a host's work on two instances at once", () => {
    expect(overlaps).toEqual([]);
  });
});
