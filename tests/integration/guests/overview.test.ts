// The host overview against the real libvirtd, cross-checked with what the machine and virsh say.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { hostOverview } from "@/lib/server/hosts/host-overview";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { privateTestDriverUri, removeTestDriverFiles } from "../../helpers/test-driver";
import { virsh } from "../libvirt/virsh";

let tc: TestConsole;
beforeAll(async () => {
  tc = await startTestConsole();
});
afterAll(async () => {
  await hostPool().closeAll();
  await tc.cleanup();
  removeTestDriverFiles();
});

describe("host overview", () => {
  it("describes the local host as the machine and virsh do", async () => {
    const id = await tc.addHost("local", "qemu:///system");
    const first = await hostOverview(id);
    expect(first.hostname).toBe(os.hostname());
    expect(virsh("version")).toContain(`Using library: libvirt ${first.libvirtVersion}`);
    expect(first.hypervisor.type).toBe("QEMU");
    expect(virsh("version")).toContain(`Running hypervisor: QEMU ${first.hypervisor.version}`);
    expect(first.cpu.count).toBe(os.cpus().length);
    expect(first.memory.totalKiB).toBeGreaterThan(0);
    expect(first.memory.freeKiB).toBeGreaterThan(0);
    expect(first.numaCells.flatMap((c) => c.cpus)).toHaveLength(first.cpu.count);
    expect(first.virtualization).toBe(existsSync("/dev/kvm") ? "kvm" : "emulation");
    expect(first.networks.find((n) => n.name === "default")).toMatchObject({ active: true, autostart: true, bridge: "virbr0" });
    expect(first.pools.find((p) => p.name === "default")).toMatchObject({ active: true, autostart: true });
    const guestCount = Object.values(first.guestCounts).reduce((a, b) => a + (b ?? 0), 0);
    expect(guestCount).toBe(virsh("list", "--all", "--name").split("\n").filter(Boolean).length);
    expect(first.cpuPercent).toBeNull();
    // A later read has a previous sample to compare with, so it has a CPU %.
    await vi.waitFor(
      async () => {
        const later = await hostOverview(id);
        expect(later.cpuPercent).toBeGreaterThanOrEqual(0);
        expect(later.cpuPercent).toBeLessThanOrEqual(100);
      },
      { timeout: 15_000, interval: 250 },
    );
  });

  it("describes a test-driver host (no CPU statistics) with the pools and networks virsh lists there", async () => {
    const uri = privateTestDriverUri(3);
    const id = await tc.addHost("demo", uri);
    const o = await hostOverview(id);
    expect(o.hypervisor.type).toBe("TEST");
    expect(o.guestCounts).toEqual({ running: 3 });
    expect(o.cpuPercent).toBeNull();
    // virsh opens the same node file in its own process: the same pools and networks.
    const names = (what: string) =>
      execFileSync("virsh", ["-c", uri, what, "--all", "--name"], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(o.pools.map((p) => p.name)).toEqual(names("pool-list"));
    expect(o.networks.map((n) => n.name)).toEqual(names("net-list"));
  });
});
