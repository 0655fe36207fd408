// The host connection pool against the real libvirtd: a host that cannot be reached reports libvirt's
// message and keeps retrying; a restarted libvirtd comes back by itself; 1,000 guests list in bulk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { listGuests } from "@/lib/server/guests/list-guests";
import { hostPool } from "@/lib/server/hosts/host-pool";
import type { HostStatus, PoolEvent } from "@/lib/server/hosts/connections";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { stopLibvirtd, waitForLibvirtd, waitUntil } from "../../helpers/libvirtd";
import { privateTestDriverUri, removeTestDriverFiles } from "../../helpers/test-driver";

let tc: TestConsole;
let admin: Actor;

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
});

afterAll(async () => {
  await waitForLibvirtd();
  await hostPool().closeAll();
  await tc.cleanup();
  removeTestDriverFiles();
});

describe("host connection pool", () => {
  it("reports an unreachable host with the transport's message and goes on retrying", async () => {
    const id = await tc.addHost("nowhere", "qemu+tcp://127.0.0.1:1/system");
    const list = await listGuests(admin, id);
    expect(list.errors).toHaveLength(1);
    expect(list.errors[0].message).toMatch(/nowhere: .*ECONNREFUSED/);
    const status = hostPool().status(id);
    expect(status?.state).toBe("retrying");
    expect((status as Extract<HostStatus, { state: "retrying" }>).retryAt).toBeGreaterThan(Date.now() - 1000);
    // While retrying, calls fail at once instead of queueing behind the backoff.
    const started = Date.now();
    await expect(hostPool().get(id)).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(500);
    await hostPool().disconnect(id);
    expect(hostPool().status(id)?.state).toBe("disconnected");
  });

  it("comes back by itself after libvirtd restarts, and tells browsers to re-read", async () => {
    const id = await tc.addHost("restarting", "qemu:///system");
    expect((await listGuests(admin, id)).errors).toEqual([]);
    const seen: string[] = [];
    const listener = (e: PoolEvent) => {
      if (e.hostId !== id) return;
      if (e.type === "status") seen.push(e.status.state);
      if (e.type === "resync") seen.push("resync");
    };
    hostPool().on("event", listener);
    try {
      await stopLibvirtd();
      await waitUntil(() => seen.includes("retrying"), 10_000, "retrying status");
      const whileDown = await listGuests(admin, id);
      expect(whileDown.errors[0]?.message).toBeTruthy();
      await waitForLibvirtd();
      // libvirtd takes long to come back on a busy machine, and the client retries with a growing delay.
      await waitUntil(() => seen.includes("resync"), 90_000, "reconnect");
      expect(hostPool().status(id)?.state).toBe("connected");
      expect((await listGuests(admin, id)).errors).toEqual([]);
    } finally {
      hostPool().off("event", listener);
      await waitForLibvirtd();
    }
  }, 180_000);

  it("lists 1,000 guests of a test-driver host from bulk calls", async () => {
    const id = await tc.addHost("fleet", privateTestDriverUri(1000, "fleet"));
    const list = await listGuests(admin, id);
    expect(list.guests).toHaveLength(1000);
    expect(list.guests.filter((g) => g.state === "running" && g.vcpus === 2 && g.memoryKiB === 512 * 1024)).toHaveLength(1000);
    expect(new Set(list.guests.map((g) => g.uuid)).size).toBe(1000);
    expect(list.guests.find((g) => g.name === "fleet-0999")).toBeDefined();
  });
});
