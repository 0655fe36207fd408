// The metrics collector against the real libvirtd and a real tiny guest: the guest made busy through
// its serial console shows its CPU % rise, a disk write inside it shows as disk write bytes/s, and the
// collector lives through its host being disconnected and reconnected. Points arrive through the
// collector's subscribe API, the way the /ws/events relay will take them.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { MetricsCollector, type MetricsTick } from "@/lib/server/metrics/collector";
import type { GuestPoint } from "@/lib/metrics/series";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { startPersistentTestGuest, type RunningTestGuest } from "../../helpers/test-guest";

let tc: TestConsole;
let lv: Libvirt;
let dir: string;
let hostId: string;
let guest: RunningTestGuest | undefined;
let uuid: string;
let collector: MetricsCollector;
const ticks: MetricsTick[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pointsSince = (t: number): GuestPoint[] =>
  ticks.filter((k) => k.t >= t).flatMap((k) => k.guests.filter((g) => g.uuid === uuid).map((g) => g.point));

/** Waits (generously) until a point after `since` satisfies `check`; returns it. */
async function waitForPoint(since: number, check: (p: GuestPoint) => boolean, what: string, timeoutMs = 60_000): Promise<GuestPoint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = pointsSince(since).find(check);
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(`no point with ${what} within ${timeoutMs} ms; points: ${JSON.stringify(pointsSince(since).slice(-5))}`);
    await sleep(250);
  }
}

beforeAll(async () => {
  tc = await startTestConsole();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  // mkdtemp makes the directory 0700; QEMU runs as its own user and must reach the image in it.
  dir = mkdtempSync(path.join(os.tmpdir(), "vc-metrics-"));
  chmodSync(dir, 0o755);
  const disk = path.join(dir, "data.raw");
  writeFileSync(disk, Buffer.alloc(32 * 1024 * 1024));
  chmodSync(disk, 0o666);
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "vc-metrics",
    balloon: true,
    extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>`,
  });
  uuid = (await lv.domains.list()).find((d) => d.name === guest!.name)!.uuid;
  collector = new MetricsCollector({ intervalMs: 1000, connect: (id) => hostPool().get(id), hostIds: async () => [hostId] });
  collector.subscribe(hostId, (tick) => ticks.push(tick));
  collector.start();
});

afterAll(async () => {
  collector?.stop();
  await guest?.cleanup();
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("collector on a real host with a running guest", () => {
  it("reports the host's CPU and memory and the guest's memory each interval", async () => {
    const p = await waitForPoint(0, (q) => q.cpuPercent !== null, "a CPU %");
    expect(p.memUsedKiB).toBeGreaterThan(0);
    expect(p.memTotalKiB).toBeGreaterThan(0);
    expect(p.cpuHostPercent).not.toBeNull();
    const host = ticks.at(-1)!.host;
    expect(host.cpuPercent).not.toBeNull();
    expect(host.memTotalKiB).toBeGreaterThan(0);
    expect(host.memUsedKiB).toBeGreaterThan(0);
    // The same points are kept for the last hour.
    expect(collector.guestPoints(hostId, uuid).length).toBeGreaterThan(0);
    expect(collector.hostPoints(hostId).length).toBeGreaterThan(0);
  });

  it("a busy loop in the guest makes its CPU % rise; it falls back once the loop is killed", async () => {
    // The idle baseline: the next three points of the guest doing nothing.
    const idleSince = Date.now();
    await vi.waitFor(() => expect(pointsSince(idleSince).length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 250 });
    const idle = pointsSince(idleSince).map((p) => p.cpuPercent ?? 0);
    const idleMax = Math.max(...idle);
    const started = Date.now();
    await runInGuest(lv, guest!.dom, "(while :; do :; done) > /dev/null 2>&1 & echo $! > /tmp/busy.pid");
    const busy = await waitForPoint(started, (p) => (p.cpuPercent ?? 0) > Math.max(60, idleMax + 30), "CPU % over 60 and well above idle");
    expect(busy.cpuHostPercent).toBeGreaterThan(0);
    await runInGuest(lv, guest!.dom, "kill $(cat /tmp/busy.pid)");
    const stopped = Date.now();
    await waitForPoint(stopped + 1000, (p) => p.cpuPercent !== null && p.cpuPercent < 50, "CPU % back under 50");
  });

  it("writing to the guest's disk shows as disk write bytes/s and IOPS", async () => {
    const started = Date.now();
    await runInGuest(
      lv,
      guest!.dom,
      "(for i in 1 2 3 4 5 6; do busybox dd if=/dev/zero of=/dev/vda bs=64k count=64 2>/dev/null; busybox sync; sleep 1; done) > /dev/null 2>&1 & echo started",
    );
    const p = await waitForPoint(started, (q) => (q.diskWriteBps ?? 0) > 0, "disk write bytes/s > 0");
    expect(p.diskWriteIops).toBeGreaterThan(0);
  });

  it("skips a disconnected host and resumes once it is back", async () => {
    await hostPool().disconnect(hostId);
    // On purpose: time passes with the host disconnected (a tick under way may still finish, then none may come).
    await sleep(2500);
    const during = ticks.length;
    await sleep(2500);
    expect(ticks.length).toBe(during);
    await hostPool().reconnect(hostId);
    const back = Date.now();
    // Same domain, counters kept counting: the first point after the gap already has rates.
    await waitForPoint(back, (p) => p.cpuPercent !== null, "a CPU % after reconnecting");
  });
});
