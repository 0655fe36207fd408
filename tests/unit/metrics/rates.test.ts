import { describe, expect, it } from "vitest";
import type { TypedParamValue } from "@/lib/libvirt";
import { guestPoint, guestSample, hostPoint, hostSample } from "@/lib/server/metrics/rates";

const S = 1e9; // ns per second

/** A GET_ALL_DOMAIN_STATS record as typedParamsToRecord gives it (ULLONG counters are bigints). */
function stats(o: {
  cpuNs: number;
  vcpus?: number;
  balloon?: { current: number; maximum?: number; available?: number; unused?: number };
  disks?: Record<string, { rd: number; wr: number; rdReqs?: number; wrReqs?: number }>;
  nics?: Record<string, { rx: number; tx: number; rxPkts?: number; txPkts?: number }>;
}): Record<string, TypedParamValue> {
  const r: Record<string, TypedParamValue> = {
    "state.state": 1,
    "cpu.time": BigInt(o.cpuNs),
    "vcpu.current": o.vcpus ?? 1,
    "vcpu.maximum": o.vcpus ?? 1,
  };
  const b = o.balloon ?? { current: 1024 * 1024, maximum: 1024 * 1024 };
  r["balloon.current"] = BigInt(b.current);
  if (b.maximum !== undefined) r["balloon.maximum"] = BigInt(b.maximum);
  if (b.available !== undefined) r["balloon.available"] = BigInt(b.available);
  if (b.unused !== undefined) r["balloon.unused"] = BigInt(b.unused);
  const disks = Object.entries(o.disks ?? {});
  r["block.count"] = disks.length;
  disks.forEach(([name, d], i) => {
    r[`block.${i}.name`] = name;
    r[`block.${i}.rd.bytes`] = BigInt(d.rd);
    r[`block.${i}.wr.bytes`] = BigInt(d.wr);
    r[`block.${i}.rd.reqs`] = BigInt(d.rdReqs ?? 0);
    r[`block.${i}.wr.reqs`] = BigInt(d.wrReqs ?? 0);
  });
  const nics = Object.entries(o.nics ?? {});
  r["net.count"] = nics.length;
  nics.forEach(([name, n], i) => {
    r[`net.${i}.name`] = name;
    r[`net.${i}.rx.bytes`] = BigInt(n.rx);
    r[`net.${i}.tx.bytes`] = BigInt(n.tx);
    r[`net.${i}.rx.pkts`] = BigInt(n.rxPkts ?? 0);
    r[`net.${i}.tx.pkts`] = BigInt(n.txPkts ?? 0);
  });
  return r;
}

const HOST_CPUS = 8;

describe("guest rates between two samples", () => {
  it("CPU % of the guest's vCPUs and of the host, disk and network summed over devices", () => {
    const a = guestSample(
      stats({ cpuNs: 10 * S, vcpus: 2, disks: { vda: { rd: 0, wr: 0 }, vdb: { rd: 100, wr: 0 } }, nics: { vnet0: { rx: 0, tx: 0 } } }),
      7,
      0,
    );
    const b = guestSample(
      stats({
        cpuNs: 11 * S, // 1 s of CPU in 2 s over 2 vCPUs
        vcpus: 2,
        disks: { vda: { rd: 4000, wr: 2000, rdReqs: 4, wrReqs: 2 }, vdb: { rd: 2100, wr: 6000, rdReqs: 6, wrReqs: 8 } },
        nics: { vnet0: { rx: 3000, tx: 1000, rxPkts: 30, txPkts: 10 } },
      }),
      7,
      2000,
    );
    const p = guestPoint(a, b, HOST_CPUS);
    expect(p.t).toBe(2000);
    expect(p.cpuPercent).toBe(25);
    expect(p.cpuHostPercent).toBe(6.25);
    expect(p.diskReadBps).toBe(3000);
    expect(p.diskWriteBps).toBe(4000);
    expect(p.diskReadIops).toBe(5);
    expect(p.diskWriteIops).toBe(5);
    expect(p.netRxBps).toBe(1500);
    expect(p.netTxBps).toBe(500);
    expect(p.netRxPps).toBe(15);
    expect(p.netTxPps).toBe(5);
  });

  it("the first sample has memory but no rates", () => {
    const p = guestPoint(undefined, guestSample(stats({ cpuNs: S, balloon: { current: 2048, maximum: 4096 } }), 1, 1000), HOST_CPUS);
    expect(p.cpuPercent).toBeNull();
    expect(p.diskWriteBps).toBeNull();
    expect(p.memUsedKiB).toBe(2048);
    expect(p.memTotalKiB).toBe(4096);
  });

  it("memory used from the guest's balloon stats where it reports them, else the balloon's current size", () => {
    const withDriver = guestSample(
      stats({ cpuNs: 0, balloon: { current: 1_048_576, maximum: 1_048_576, available: 1_000_000, unused: 600_000 } }),
      1,
      0,
    );
    expect([withDriver.memUsedKiB, withDriver.memTotalKiB]).toEqual([400_000, 1_000_000]);
    const without = guestSample(stats({ cpuNs: 0, balloon: { current: 524_288, maximum: 1_048_576 } }), 1, 0);
    expect([without.memUsedKiB, without.memTotalKiB]).toEqual([524_288, 1_048_576]);
    // available without unused (a guest that reports only part) falls back too.
    const partial = guestSample(stats({ cpuNs: 0, balloon: { current: 524_288, maximum: 1_048_576, available: 1_000_000 } }), 1, 0);
    expect(partial.memUsedKiB).toBe(524_288);
  });

  it("a guest restart (new domain id, counters from zero) gives null rates for that interval, then normal ones", () => {
    const before = guestSample(stats({ cpuNs: 500 * S, disks: { vda: { rd: 9e9, wr: 9e9 } } }), 3, 0);
    const restarted = guestSample(stats({ cpuNs: 1 * S, disks: { vda: { rd: 1000, wr: 1000 } } }), 4, 2000);
    const p1 = guestPoint(before, restarted, HOST_CPUS);
    expect([p1.cpuPercent, p1.cpuHostPercent, p1.diskReadBps, p1.diskWriteBps]).toEqual([null, null, null, null]);
    const next = guestSample(stats({ cpuNs: 1.5 * S, disks: { vda: { rd: 3000, wr: 1000 } } }), 4, 4000);
    const p2 = guestPoint(restarted, next, HOST_CPUS);
    expect(p2.cpuPercent).toBe(25);
    expect(p2.diskReadBps).toBe(1000);
    expect(p2.diskWriteBps).toBe(0);
  });

  it("a counter going backwards (same domain) voids only the series it feeds", () => {
    const a = guestSample(stats({ cpuNs: 100 * S, disks: { vda: { rd: 5000, wr: 5000 } }, nics: { vnet0: { rx: 100, tx: 100 } } }), 1, 0);
    const b = guestSample(stats({ cpuNs: 101 * S, disks: { vda: { rd: 10, wr: 7000 } }, nics: { vnet0: { rx: 300, tx: 50 } } }), 1, 1000);
    const p = guestPoint(a, b, HOST_CPUS);
    expect(p.cpuPercent).toBe(100);
    expect(p.diskReadBps).toBeNull();
    expect(p.diskWriteBps).toBe(2000);
    expect(p.netRxBps).toBe(200);
    expect(p.netTxBps).toBeNull();
  });

  it("CPU time going backwards or jumping beyond what the vCPUs could do gives null, never a spike", () => {
    const a = guestSample(stats({ cpuNs: 100 * S, vcpus: 1 }), 1, 0);
    expect(guestPoint(a, guestSample(stats({ cpuNs: 50 * S }), 1, 1000), HOST_CPUS).cpuPercent).toBeNull();
    expect(guestPoint(a, guestSample(stats({ cpuNs: 200 * S }), 1, 1000), HOST_CPUS).cpuPercent).toBeNull();
    // A little over the wall clock (reads not quite simultaneous) is capped at 100.
    expect(guestPoint(a, guestSample(stats({ cpuNs: 101.1 * S }), 1, 1000), HOST_CPUS).cpuPercent).toBe(100);
  });

  it("a hot-removed (or hot-added) disk voids the disk series for that interval only", () => {
    const two = { vda: { rd: 1000, wr: 1000 }, vdb: { rd: 9e9, wr: 9e9 } };
    const a = guestSample(stats({ cpuNs: 0, disks: two, nics: { vnet0: { rx: 0, tx: 0 } } }), 1, 0);
    const b = guestSample(stats({ cpuNs: S, disks: { vda: { rd: 2000, wr: 3000 } }, nics: { vnet0: { rx: 10, tx: 10 } } }), 1, 1000);
    const p = guestPoint(a, b, HOST_CPUS);
    expect([p.diskReadBps, p.diskWriteBps, p.diskReadIops, p.diskWriteIops]).toEqual([null, null, null, null]);
    expect(p.netRxBps).toBe(10);
    expect(p.cpuPercent).toBe(100);
    const c = guestSample(stats({ cpuNs: 1.5 * S, disks: { vda: { rd: 2000, wr: 5000 } } }), 1, 2000);
    expect(guestPoint(b, c, HOST_CPUS).diskWriteBps).toBe(2000);
    // A disk added back: again one void interval.
    const d = guestSample(stats({ cpuNs: 2 * S, disks: { vda: { rd: 2000, wr: 5000 }, vdc: { rd: 0, wr: 0 } } }), 1, 3000);
    expect(guestPoint(c, d, HOST_CPUS).diskWriteBps).toBeNull();
  });

  it("no vCPU count and no host CPU count do not divide by zero", () => {
    const a = guestSample({ "cpu.time": 0n }, 1, 0);
    const b = guestSample({ "cpu.time": BigInt(S / 2) }, 1, 1000);
    const p = guestPoint(a, b, 0);
    expect(p.cpuPercent).toBe(50);
    expect(p.cpuHostPercent).toBeNull();
    expect(p.memUsedKiB).toBeNull();
  });
});

describe("host rates", () => {
  const cpu = (user: number, kernel: number, idle: number, iowait: number) => ({
    user: BigInt(user),
    kernel: BigInt(kernel),
    idle: BigInt(idle),
    iowait: BigInt(iowait),
  });
  const mem = { total: 16_000_000n, free: 8_000_000n, buffers: 1_000_000n, cached: 3_000_000n };

  it("CPU % is busy time over all time; memory used leaves out free, buffers and cache", () => {
    const a = hostSample(cpu(100 * S, 50 * S, 1000 * S, 10 * S), mem, 0);
    const b = hostSample(cpu(103 * S, 52 * S, 1014 * S, 11 * S), mem, 2000);
    const p = hostPoint(a, b);
    expect(p.cpuPercent).toBe(25);
    expect(p.memUsedKiB).toBe(4_000_000);
    expect(p.memTotalKiB).toBe(16_000_000);
  });

  it("a counter going backwards (host rebooted, libvirtd reconnected elsewhere) gives null CPU", () => {
    const a = hostSample(cpu(100 * S, 50 * S, 1000 * S, 10 * S), mem, 0);
    const b = hostSample(cpu(1 * S, 1 * S, 5 * S, 0), mem, 2000);
    expect(hostPoint(a, b).cpuPercent).toBeNull();
    const c = hostSample(cpu(2 * S, 1 * S, 8 * S, 0), mem, 4000);
    expect(hostPoint(b, c).cpuPercent).toBe(25);
  });

  it("a driver without node memory stats (test://) gives null memory, CPU still works", () => {
    const a = hostSample(cpu(0, 0, 0, 0), null, 0);
    const b = hostSample(cpu(S, 0, S, 0), null, 1000);
    expect(hostPoint(a, b)).toEqual({ t: 1000, cpuPercent: 50, memUsedKiB: null, memTotalKiB: null });
    expect(hostPoint(undefined, hostSample(null, null, 0))).toEqual({ t: 0, cpuPercent: null, memUsedKiB: null, memTotalKiB: null });
  });
});
