// Instances and the bus on a real PostgreSQL server (Debian's, started by the test): migrations run once when
// several instances start together, messages reach every instance, heartbeats tell the living from the dead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db";
import { migrate } from "@/lib/server/migrate";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

let pg: { url: string; stop: () => Promise<void> };

beforeAll(async () => {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  pg = await startPostgres(bin);
});
afterAll(async () => pg?.stop());

describe("several instances on one PostgreSQL", () => {
  it("applies the migrations once when three instances start at the same moment", async () => {
    const results = await Promise.all([migrate(pg.url), migrate(pg.url), migrate(pg.url)]);
    const applied = results.flat();
    expect(applied.length).toBeGreaterThan(3);
    expect(new Set(applied).size).toBe(applied.length); // each file by exactly one of them
    const db = createDb(pg.url);
    try {
      const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "_console_migrations"`);
      expect(Number(rows[0].n)).toBe(applied.length);
    } finally {
      await db.$disconnect();
    }
  });

  it("a message published by one instance reaches every instance, itself included", async () => {
    process.env.DATABASE_URL = pg.url;
    const { bus } = await import("@/lib/server/cluster/bus");
    // A second instance: another bus on its own connection, as another process would have.
    const { PostgresBusForTests } = await import("@/lib/server/cluster/bus");
    const other = new PostgresBusForTests(pg.url);
    const heardHere: unknown[] = [];
    const heardThere: unknown[] = [];
    bus().subscribe("events", (p) => heardHere.push(p));
    other.subscribe("events", (p) => heardThere.push(p));
    await other.ready();
    await bus().publish("events", { type: "domain", uuid: "u-1" });
    await other.publish("events", { type: "domain", uuid: "u-2" });
    await expect.poll(() => heardHere.length).toBe(2);
    await expect.poll(() => heardThere.length).toBe(2);
    expect(heardThere).toEqual(
      expect.arrayContaining([
        { type: "domain", uuid: "u-1" },
        { type: "domain", uuid: "u-2" },
      ]),
    );
    await expect(bus().publish("events", { big: "x".repeat(9000) })).rejects.toThrow(/too large/);

    // A burst (sent in few queries while one is under way), identical messages included: all arrive, in order.
    heardThere.length = 0;
    const burst = Array.from({ length: 1200 }, (_, i) => ({ type: "metrics", n: i < 600 ? i : "same" }));
    await Promise.all(burst.map((p) => bus().publish("events", p)));
    await expect.poll(() => heardThere.length).toBe(burst.length);
    expect(heardThere).toEqual(burst);
    await other.close();
    await bus().close();
  });

  it("tells the living from the dead by their heartbeats", async () => {
    process.env.DATABASE_URL = pg.url;
    const { instanceId, isInstanceDead, liveInstances, startInstance, stopInstance, DEAD_AFTER_MS } =
      await import("@/lib/server/cluster/instance");
    const { db } = await import("@/lib/server/db");
    await startInstance("test:1");
    await db().instance.create({ data: { id: "i-gone", address: "gone:1", heartbeatAt: new Date(Date.now() - DEAD_AFTER_MS - 1000) } });
    expect((await liveInstances()).map((i) => i.id)).toEqual([instanceId()]);
    expect(await isInstanceDead("i-gone")).toBe(true);
    expect(await isInstanceDead(instanceId())).toBe(false);
    await stopInstance();
    expect(await isInstanceDead(instanceId())).toBe(true);
  });
});
