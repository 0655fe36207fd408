// Kills libvirtd mid-session and restarts it; the client must reconnect on its own,
// re-register its event callbacks and serve later calls. libvirtd is always left running.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { DomainEventId, Libvirt, type ConnectionState, type LibvirtEvent } from "../../../lib/libvirt";
import { ensureLibvirtdRunning, libvirtdPid, waitUntil } from "../../helpers/libvirtd";

describe("reconnect after libvirtd restart", () => {
  afterAll(async () => {
    ensureLibvirtdRunning();
    await waitUntil(() => libvirtdPid() !== null && existsSync("/run/libvirt/libvirt-sock"), 20_000, "libvirtd");
  });

  it("reconnects, re-registers events and serves later calls", async () => {
    const pid = libvirtdPid();
    expect(pid).not.toBeNull();
    const lv = await Libvirt.open("test:///default", { reconnect: { initialDelayMs: 100, maxDelayMs: 500 }, keepalive: true });
    const states: ConnectionState[] = [];
    lv.client.on("state", (s: ConnectionState) => states.push(s));
    const events: LibvirtEvent[] = [];
    await lv.client.subscribe({ family: "domain", eventId: DomainEventId.LIFECYCLE }, (e) => events.push(e));
    try {
      process.kill(pid!, "SIGTERM");
      await waitUntil(() => states.includes("reconnecting"), 10_000, "reconnecting state");
      await waitUntil(() => libvirtdPid() === null, 20_000, "libvirtd to exit");
      // A call made while the daemon is down waits for the reconnect instead of failing.
      const pending = lv.host.hostname();
      execFileSync("libvirtd", ["-d"]);
      await waitUntil(() => lv.client.state === "open", 30_000, "reconnect");
      expect(states).toEqual(["reconnecting", "open"]);
      expect(typeof (await pending)).toBe("string");

      const name = `rc-${randomBytes(4).toString("hex")}`;
      const dom = await lv.domains.define(
        `<domain type='test'><name>${name}</name><memory unit='MiB'>32</memory><os><type>hvm</type></os></domain>`,
      );
      await lv.domains.undefine(dom);
      await waitUntil(
        () => events.filter((e) => (e.data.dom as { name: string }).name === name).length >= 2,
        5000,
        "events after reconnect",
      );
      expect((await lv.domains.list()).map((d) => d.name)).toContain("test");
    } finally {
      ensureLibvirtdRunning();
      await lv.close();
    }
  });
});
