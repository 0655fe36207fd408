// Quota reservations on a real PostgreSQL server (Debian's, started by the test), where transactions run side by
// side: ten creations at once, each of one vCPU, under a quota of three (the person's) and a group's of five. The
// lock each reservation takes on its quotas lets exactly three through, and the rows say so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { newId } from "@/lib/server/ids";
import { reserveGuest } from "@/lib/server/quotas/reserve-guest";
import type { Actor } from "@/lib/server/auth/session";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";
import { ctxOf } from "../../helpers/verb-context";

let pg: Awaited<ReturnType<typeof startPostgres>>;
let tc: TestConsole;
let person: Actor;

beforeAll(async () => {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  pg = await startPostgres(bin);
  tc = await startTestConsole({ databaseUrl: pg.url });
  person = await tc.actor([]);
  await db().user.update({ where: { id: person.id }, data: { groups: JSON.stringify(["lab"]) } });
  await db().quota.create({ data: { id: newId(), kind: "user", subject: person.username, vcpus: 3, updatedBy: "test" } });
  await db().quota.create({ data: { id: newId(), kind: "group", subject: "lab", vcpus: 5, updatedBy: "test" } });
});

afterAll(async () => {
  await tc.cleanup();
  await pg.stop();
});

describe("quota reservations on PostgreSQL", () => {
  it("ten at once under a quota of three vCPUs: three are reserved, seven refused", async () => {
    const size = { vcpus: 1, memoryMiB: 64, diskGiB: 0, diskMiB: 0 };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => reserveGuest(ctxOf(person), { hostId: "h", name: `g${i}`, size })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const refusals = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
    expect(refusals).toHaveLength(7);
    for (const message of refusals) expect(message).toBe("Your quota allows 3 vCPUs: 3 are in use, and this guest would add 1.");
    expect(await db().guestOwner.count({ where: { userId: person.id } })).toBe(3);
  });
});
