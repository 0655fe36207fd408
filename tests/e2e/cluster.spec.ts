// Several instances as in production (tests/helpers/cluster.ts): three real servers on one PostgreSQL behind
// Debian's HAProxy with docs/haproxy.cfg, the real libvirtd, a real guest and Debian's chromium. Instances are
// killed (SIGKILL) and restarted (SIGTERM) while a browser watches the guest list and a VNC console is open.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { Libvirt } from "../../lib/libvirt";
import { TestCluster } from "../helpers/cluster";
import { privateTestDriverUri, removeTestDriverFiles } from "../helpers/test-driver";
import {
  ensureTestGuestImage,
  removeGuests,
  resolveVirtType,
  startTestGuest,
  testGuestXml,
  uniqueGuestName,
  type RunningTestGuest,
} from "../helpers/test-guest";
import { adminPassword } from "./fixtures";

test.describe.configure({ mode: "serial" });

/** Takeover must be done within this long after an instance dies (the promise). */
const TAKEOVER_MS = 15_000;

let cluster: TestCluster;
let api: APIRequestContext;
let lv: Libvirt;
let guest: RunningTestGuest;
let localId: string;
let uuid: string;
let watcher: Page;
let listener: pg.Client;
let leasePoll: ReturnType<typeof setInterval>;
/** Per host, every instance that sent its metrics, in arrival order (one entry per change of sender). */
const senders = new Map<string, string[]>();
/** Per host, every instance seen holding its lease, in order (one entry per change). */
const holders = new Map<string, string[]>();

/** A stopped guest with a disk of real bytes (not sparse), so libvirt's copy of it is still going when its instance is killed. */
const cloneSource = uniqueGuestName("fleet2-e2e-clone");
const cloneName = `${cloneSource}-copy`;
const CLONE_DISK_MIB = 1024;
const images = "/var/lib/libvirt/images";

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { encoding: "utf8" });
const noteChange = (map: Map<string, string[]>, hostId: string, who: string) => {
  const list = map.get(hostId) ?? [];
  if (list.at(-1) !== who) list.push(who);
  map.set(hostId, list);
};

async function leases(): Promise<Map<string, string>> {
  const rows = await cluster.query<{ hostId: string; instanceId: string }>(`SELECT "hostId", "instanceId" FROM "HostLease"`);
  return new Map(rows.map((r) => [r.hostId, r.instanceId]));
}

async function instanceIds(): Promise<string[]> {
  return Promise.all(Array.from({ length: cluster.size }, (_, i) => cluster.instanceId(i)));
}

/** Hosts per live instance, sorted: [2, 2, 2] when six hosts are spread evenly. */
async function spread(): Promise<number[]> {
  const held = [...(await leases()).values()];
  return (await instanceIds()).map((id) => held.filter((h) => h === id).length).sort();
}

async function signInThroughProxy(page: Page): Promise<void> {
  await page.goto(`${cluster.url}/login`);
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill(adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible({ timeout: 30_000 });
}

const volumesNamed = (prefix: string) =>
  virsh("vol-list", "--pool", "default")
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((v) => v?.startsWith(prefix));
const guestNames = async () => (await lv.domains.list()).map((d) => d.name);

const guestRow = (page: Page) => page.getByTestId("guest-row").filter({ hasText: guest.name });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  cluster = await TestCluster.start({ size: 3, proxyPort: 3300, firstPort: 3301, adminPassword, workDir: ".cache/cluster" });
  api = await playwrightRequest.newContext({ baseURL: cluster.url, extraHTTPHeaders: { Origin: cluster.url } });
  expect((await api.post("/api/auth/login", { data: { username: "admin", password: adminPassword } })).status()).toBe(200);
  const { hosts } = (await (await api.get("/api/hosts")).json()) as { hosts: { id: string; name: string }[] };
  localId = hosts.find((h) => h.name === "localhost")!.id;
  // Six hosts for three instances: localhost and five test-driver hosts with a guest each.
  for (let i = 0; i < 5; i++) {
    const res = await api.post("/api/hosts", {
      data: { kind: "custom", name: `cluster-td-${i}`, uri: privateTestDriverUri(1, `cltd${i}`) },
    });
    expect(res.status(), await res.text()).toBe(200);
  }

  // Watch the bus (which instance sends each host's metrics) and the lease table, for the whole run.
  listener = new pg.Client({ connectionString: cluster.databaseUrl });
  await listener.connect();
  listener.on("notification", (n) => {
    const message = JSON.parse(n.payload ?? "{}") as {
      channel?: string;
      from?: string;
      payload?: { variants?: { event: { type: string; hostId: string } }[] };
    };
    const event = message.payload?.variants?.[0]?.event;
    if (message.channel === "events" && event?.type === "metrics" && message.from) noteChange(senders, event.hostId, message.from);
  });
  const pollLeases = () =>
    leases().then(
      (map) => map.forEach((who, hostId) => noteChange(holders, hostId, who)),
      () => undefined,
    );
  // Watched once the instances have spread the hosts: leases move fast while they do, a holder of a moment could
  // fall between two polls, and its sample (or one a former holder had under way, sent a collector interval later)
  // would look foreign.
  await expect.poll(spread, { timeout: 60_000 }).toEqual([2, 2, 2]);
  await new Promise((r) => setTimeout(r, 2_500));
  // The holders as they are before the first metrics arrive.
  await pollLeases();
  await listener.query("LISTEN virt_console");
  leasePoll = setInterval(() => void pollLeases(), 250);

  lv = await Libvirt.open("qemu:///system");
  guest = await startTestGuest(lv, { namePrefix: "e2e-cluster" });
  // Running is enough: its display shows whatever it is doing, and suspend and resume need no booted system.
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;

  watcher = await (await browser.newContext()).newPage();
  await signInThroughProxy(watcher);
  await watcher.goto(`${cluster.url}/guests`);
  await watcher.getByRole("searchbox", { name: "Search guests" }).fill(guest.name);
  await expect(guestRow(watcher).getByTestId("state-badge")).toHaveAttribute("data-state", "running", { timeout: 30_000 });
});

test.afterAll(async () => {
  clearInterval(leasePoll);
  await listener?.end().catch(() => undefined);
  await watcher?.context().close();
  await api?.dispose();
  await guest?.cleanup();
  if (lv) await removeGuests(lv, [cloneSource, cloneName]).catch(() => undefined);
  for (const vol of volumesNamed(cloneSource)) virsh("vol-delete", "--pool", "default", vol);
  rmSync(`${images}/${cloneSource}.img`, { force: true });
  await lv?.close();
  await cluster?.close();
  removeTestDriverFiles();
});

test("the hosts are spread evenly over the instances, each held by exactly one", async () => {
  await expect.poll(spread, { timeout: 30_000 }).toEqual([2, 2, 2]);
  const held = await leases();
  expect(held.size).toBe(6);
  const ids = await instanceIds();
  for (const who of held.values()) expect(ids).toContain(who);
});

test("killing the instance that holds a host: its lease moves within 15 s and the guest list keeps moving", async () => {
  test.setTimeout(180_000);
  const holder = (await leases()).get(localId)!;
  const victim = (await instanceIds()).indexOf(holder);
  expect(victim).toBeGreaterThanOrEqual(0);
  await cluster.killInstance(victim);

  // While nobody holds the host the guest changes; the next holder has the pages re-read it.
  virsh("suspend", guest.name);
  await expect.poll(async () => (await leases()).get(localId) ?? holder, { timeout: TAKEOVER_MS }).not.toBe(holder);
  await expect(guestRow(watcher).getByTestId("state-badge")).toHaveAttribute("data-state", "paused", { timeout: 30_000 });

  // A change under the new holder reaches the open page as an event (the page is live, not polling).
  await expect(watcher.getByTestId("live-indicator")).toHaveAttribute("data-status", "open", { timeout: 30_000 });
  virsh("resume", guest.name);
  await expect(guestRow(watcher).getByTestId("state-badge")).toHaveAttribute("data-state", "running", { timeout: 15_000 });

  // Restarted, it gets its share again.
  await cluster.startInstance(victim);
  await expect.poll(spread, { timeout: 60_000 }).toEqual([2, 2, 2]);
});

test("a VNC console open through an instance that is killed comes back by itself through another", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext()).newPage();
  try {
    await signInThroughProxy(page);
    await page.goto(`${cluster.url}/guests/${localId}/${uuid}`);
    await page.getByRole("link", { name: "Console", exact: true }).click();
    const status = page.getByTestId("console-status");
    await expect(status).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
    const display = Number(/:(\d+)/.exec(virsh("domdisplay", guest.name))![1]);
    const vncPort = display < 5900 ? 5900 + display : display;
    const relay = cluster.instanceConnectedTo(vncPort);
    expect(relay).toBeGreaterThanOrEqual(0);

    await cluster.killInstance(relay);
    await expect(status).not.toHaveAttribute("data-state", "connected", { timeout: 15_000 });
    await expect(status).toHaveAttribute("data-state", "connected", { timeout: 60_000 });
    // Relayed by one of the instances still alive.
    await expect.poll(() => cluster.instanceConnectedTo(vncPort), { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
    expect(cluster.instanceConnectedTo(vncPort)).not.toBe(relay);
    await expect(page.getByTestId("vnc-screen").locator("canvas")).toBeVisible();
    await expect(status).toHaveAttribute("data-state", "connected");

    await cluster.startInstance(relay);
    await expect.poll(spread, { timeout: 60_000 }).toEqual([2, 2, 2]);
  } finally {
    await page.context().close();
  }
});

test("kill -9 of the instance running a clone job: the job ends with a reason, nothing half-made is left, no row twice", async () => {
  test.setTimeout(300_000);
  execFileSync("bash", ["-c", `yes fleet2 | head -c ${CLONE_DISK_MIB}M > ${images}/${cloneSource}.img`]);
  virsh("pool-refresh", "default");
  const disk = `<disk type='volume' device='disk'><driver name='qemu' type='raw'/><source pool='default' volume='${cloneSource}.img'/><target dev='vda' bus='virtio'/></disk>`;
  await lv.domains.define(
    testGuestXml(cloneSource, ensureTestGuestImage(), 96, await resolveVirtType(lv), undefined, { extraDevices: disk }),
  );
  const sourceUuid = (await lv.domains.list()).find((d) => d.name === cloneSource)!.uuid;

  // Through the load balancer, like a person pressing Clone.
  const res = await api.post(`/api/hosts/${localId}/guests/${sourceUuid}/clone`, {
    data: { name: cloneName, disks: [{ target: "vda", action: "copy", volume: `${cloneName}.img` }] },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { id: jobId } = (await res.json()) as { id: string };

  // The copy is under way (the volume is recorded as the job's artefact and libvirt shows it): kill the instance running it.
  type JobRow = { instanceId: string; status: string; made: string | null };
  const jobRow = async () => (await cluster.query<JobRow>(`SELECT "instanceId", status, made FROM "Job" WHERE id = $1`, [jobId]))[0];
  await expect
    .poll(async () => (((await jobRow())?.made ?? "").includes(`${cloneName}.img`) ? volumesNamed(cloneName).length : 0), {
      timeout: 60_000,
      intervals: [50],
    })
    .toBeGreaterThan(0);
  const runner = (await jobRow()).instanceId;
  const victim = (await instanceIds()).indexOf(runner);
  expect(victim, `job ${jobId} runs on ${runner}`).toBeGreaterThanOrEqual(0);
  await cluster.killInstance(victim);

  // Another instance takes it over: it ends, never stays running, and says why in words.
  await expect
    .poll(async () => ((await (await api.get(`/api/jobs/${jobId}`)).json()) as { status: string }).status, { timeout: 90_000 })
    .not.toBe("running");
  const job = (await (await api.get(`/api/jobs/${jobId}`)).json()) as { status: string; error?: string };
  expect(["done", "failed"]).toContain(job.status);
  test.info().annotations.push({ type: "clone job", description: `${job.status} after the kill` });
  if (job.status === "failed") {
    expect(job.error).toMatch(/console instance running this stopped unexpectedly/);
    // Nothing of the clone is left: no volume, no guest.
    await expect.poll(() => volumesNamed(cloneName), { timeout: 60_000 }).toEqual([]);
    expect(await guestNames()).not.toContain(cloneName);
  } else {
    // The copy was quicker than the kill: the clone is whole.
    expect(volumesNamed(cloneName)).toEqual([`${cloneName}.img`]);
    expect(await guestNames()).toContain(cloneName);
  }
  // The original is untouched.
  expect(volumesNamed(cloneSource)).toEqual([`${cloneSource}.img`]);
  expect(await guestNames()).toContain(cloneSource);

  // No row twice: one job row, taken over once (one audit row, from a live instance) unless it ended before the kill.
  expect((await cluster.query(`SELECT id FROM "Job" WHERE id = $1`, [jobId])).length).toBe(1);
  const takeovers = await cluster.query<{ actor: string; result: string }>(
    `SELECT actor, result FROM "AuditLog" WHERE action = 'job.takeover' AND details LIKE $1`,
    [`%${jobId}%`],
  );
  expect(takeovers).toHaveLength(job.status === "failed" ? 1 : 0);
  for (const t of takeovers) expect(t.actor).not.toContain(runner);
  expect(await cluster.query(`SELECT id FROM "Job" WHERE status = 'running' AND "instanceId" = $1`, [runner])).toEqual([]);
  expect(
    await cluster.query(`SELECT "hostId", "guestUuid", resolution, bucket FROM "MetricPoint" GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`),
  ).toEqual([]);

  await cluster.startInstance(victim);
  await expect.poll(spread, { timeout: 60_000 }).toEqual([2, 2, 2]);
});

test("a rolling restart (SIGTERM to each instance in turn) loses no request a retrying client would notice", async () => {
  test.setTimeout(300_000);
  let stop = false;
  let sent = 0;
  let firstTryFailures = 0;
  const lost: string[] = [];
  // A bounded read loop: one request at a time, each tried at most three times, 250 ms apart.
  const loop = (async () => {
    for (let n = 0; !stop && n < 5_000; n++) {
      const path = n % 2 ? "/api/hosts" : `/api/guests?host=${localId}`;
      sent++;
      let outcome = "";
      for (let attempt = 0; attempt < 3; attempt++) {
        const res = await api.get(path, { timeout: 10_000 }).catch((err: Error) => err);
        if (!(res instanceof Error) && res.status() < 500) {
          outcome = res.status() === 200 ? "" : `${path}: ${res.status()}`;
          break;
        }
        outcome = `${path}: ${res instanceof Error ? res.message.split("\n")[0] : res.status()}`;
        if (attempt === 0) firstTryFailures++;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (outcome) lost.push(outcome);
    }
  })();

  for (let i = 0; i < cluster.size; i++) {
    expect(await cluster.stopInstance(i)).toBe(0);
    await cluster.startInstance(i);
  }
  stop = true;
  await loop;
  test.info().annotations.push({ type: "requests", description: `${sent} reads, ${firstTryFailures} needed a second try` });
  expect(lost).toEqual([]);
  expect(sent).toBeGreaterThan(20);

  // Three new instances share the hosts, and the open page still follows changes.
  await expect.poll(spread, { timeout: 60_000 }).toEqual([2, 2, 2]);
  await expect(watcher.getByTestId("live-indicator")).toHaveAttribute("data-status", "open", { timeout: 30_000 });
  virsh("suspend", guest.name);
  await expect(guestRow(watcher).getByTestId("state-badge")).toHaveAttribute("data-state", "paused", { timeout: 15_000 });
  virsh("resume", guest.name);
  await expect(guestRow(watcher).getByTestId("state-badge")).toHaveAttribute("data-state", "running", { timeout: 15_000 });
});

test("each host was sampled by one instance at a time: its metrics changed sender only when its lease changed hands", async () => {
  expect(senders.size).toBeGreaterThan(0);
  for (const [hostId, from] of senders) {
    const held = holders.get(hostId) ?? [];
    // The senders, in order, are holders in the order they held it (two instances sampling at once would alternate).
    let next = 0;
    for (const who of from) next = held.indexOf(who, next) + 1 || Infinity;
    expect(next, `${hostId}: metrics from ${from.join(" → ")}, leases ${held.join(" → ")}`).toBeLessThan(Infinity);
  }
  // Every host moved at least once during the run, so the check above had something to see.
  expect([...holders.values()].some((h) => h.length > 1)).toBe(true);
});
