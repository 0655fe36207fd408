// Alerts with two console instances on a real PostgreSQL server (Debian's, started by the test): each
// instance has a connection of its own, so their claims race for real. The scheduled round runs on one;
// two evaluations at once fire one alert; two deliveries at once post the signed webhook once.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTS_KIND, alertsRound } from "@/lib/server/alerts/service";
import { deliverNotifications } from "@/lib/server/alerts/deliver";
import { evaluateAlerts } from "@/lib/server/alerts/evaluate";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/server/alerts/signature";
import { createDb, type Db } from "@/lib/server/db";
import { seal } from "@/lib/server/hosts/secret-box";
import { newId } from "@/lib/server/ids";
import { Jobs } from "@/lib/server/jobs/jobs";
import { Scheduler } from "@/lib/server/jobs/scheduler";
import { migrate } from "@/lib/server/migrate";
import { seedGuestCpu } from "../../helpers/alert-metrics";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";
import { until } from "../../helpers/until";

const MIN = 60_000;
const HOOK_PORT = 3252;
const KEY = "alerts-instances-key";
const GUEST = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

let pg: { url: string; stop: () => Promise<void> };
let one: Db;
let two: Db;
let hook: http.Server;
let hostId: string;
const posts: { body: string; signature: string | undefined }[] = [];

const seedCpu = (at: number, values: number[]) => seedGuestCpu(one, { hostId, guestUuid: GUEST }, at, values);

async function addRule(name: string) {
  const id = newId();
  await one.alertRule.create({
    data: {
      id,
      name,
      kind: "metric",
      target: "guest.cpu",
      comparison: "above",
      level: 50,
      durationMinutes: 2,
      scope: "guest",
      hostId,
      guestUuid: GUEST,
      webhookUrl: `http://127.0.0.1:${HOOK_PORT}/hook`,
      webhookSecret: seal(KEY),
    },
  });
  return id;
}

beforeAll(async () => {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  pg = await startPostgres(bin);
  process.env.DATABASE_URL = pg.url;
  await migrate(pg.url);
  [one, two] = [createDb(pg.url), createDb(pg.url)];
  hostId = (await one.host.create({ data: { id: newId(), name: "alerts-pg-host", uri: "test:///default" } })).id;
  await one.setting.create({ data: { key: "fetchAllowedNetworks", value: JSON.stringify(["127.0.0.1/32"]) } });
  hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      posts.push({ body, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(HOOK_PORT, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => hook?.close(() => resolve()));
  await Promise.all([one?.$disconnect(), two?.$disconnect()]);
  const { db } = await import("@/lib/server/db");
  await db().$disconnect();
  await pg?.stop();
});

describe("alerts with two instances", () => {
  it("fire once and post once when both evaluate and deliver at the same moment", async () => {
    const now = Math.floor(Date.now() / MIN) * MIN;
    await addRule("alerts race");
    await seedCpu(now, [60, 70, 80]);
    const [a, b] = await Promise.all([evaluateAlerts(one, now), evaluateAlerts(two, now)]);
    expect(a.fired + b.fired).toBe(1);
    expect(await one.alert.count({ where: { status: "firing" } })).toBe(1);
    const [x, y] = await Promise.all([deliverNotifications(one, "i-one", now), deliverNotifications(two, "i-two", now)]);
    expect(x.sent + y.sent).toBe(1);
    expect(posts).toHaveLength(1);
    expect(verifySignature(posts[0]!.body, KEY, posts[0]!.signature)).toBe(true);
  });

  it("run the scheduled round on one instance", async () => {
    await one.alertRule.deleteMany();
    posts.length = 0;
    const now = Math.floor(Date.now() / MIN) * MIN;
    await addRule("alerts scheduled");
    await seedCpu(now, [60, 70, 80]);
    const runs: string[] = [];
    const instance = (id: string, client: Db) => {
      const s = new Scheduler(new Jobs({ db: () => client, instanceId: () => id, now: Date.now }));
      s.handle(ALERTS_KIND, async () => {
        runs.push(id);
        return alertsRound(client, id, now);
      });
      return s;
    };
    const [s1, s2] = [instance("i-one", one), instance("i-two", two)];
    // Both ensure the same keyed schedule at start: one row; its first slot, made due now, is claimed once.
    const [id1, id2] = await Promise.all([
      s1.schedule(ALERTS_KIND, { everyMs: 30_000 }, null, { key: ALERTS_KIND }),
      s2.schedule(ALERTS_KIND, { everyMs: 30_000 }, null, { key: ALERTS_KIND }),
    ]);
    expect(id1).toBe(id2);
    await one.job.update({ where: { id: id1 }, data: { runAt: new Date(Date.now() - 1_000) } });
    const started = await Promise.all([s1.tick(), s2.tick()]);
    expect(started.flat()).toEqual([id1]);
    await until("the round posts the webhook", () => posts.length === 1, { timeoutMs: 20_000 });
    await until("the round ends", async () => (await one.job.findUniqueOrThrow({ where: { id: id1 } })).status === "scheduled", {
      timeoutMs: 20_000,
    });
    expect(runs).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ event: "alert.fired", alert: { guestUuid: GUEST, value: 80 } });
  });
});
