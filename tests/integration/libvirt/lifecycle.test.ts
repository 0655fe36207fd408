import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirDomainEventType, VirDomainStatsTypes } from "../../../lib/libvirt/generated/flags";
import { withoutPrefix } from "../../../lib/libvirt/short-names";
import {
  DomainEventId,
  DomainState,
  Libvirt,
  LibvirtError,
  NetworkEventId,
  StoragePoolEventId,
  type LibvirtEvent,
} from "../../../lib/libvirt";

const Ev = withoutPrefix(VirDomainEventType, "VIR_DOMAIN_EVENT_");

function domainXml(name: string): string {
  return `<domain type='test'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;
}

async function waitFor<T>(get: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("test:///default through the daemon: lifecycle and events", () => {
  let lv: Libvirt;
  const name = `lc-${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    lv = await Libvirt.open("test:///default");
  });
  afterAll(async () => {
    const dom = await lv.domains.lookupByName(name).catch(() => null);
    if (dom) {
      await lv.domains.destroy(dom).catch(() => undefined);
      await lv.domains.undefine(dom).catch(() => undefined);
    }
    await lv.close();
  });

  it("define, start, suspend, resume, destroy, undefine with matching lifecycle events for every subscriber", async () => {
    const seenA: LibvirtEvent[] = [];
    const seenB: LibvirtEvent[] = [];
    const subA = await lv.client.subscribe({ family: "domain", eventId: DomainEventId.LIFECYCLE }, (e) => seenA.push(e));
    const subB = await lv.client.subscribe({ family: "domain", eventId: DomainEventId.LIFECYCLE }, (e) => seenB.push(e));
    const mine = (list: LibvirtEvent[]): number[] =>
      list.filter((e) => (e.data.dom as { name: string }).name === name).map((e) => e.data.event as number);

    const dom = await lv.domains.define(domainXml(name));
    expect((await lv.domains.state(dom)).state).toBe(DomainState.SHUTOFF);
    await lv.domains.start(dom);
    expect(await lv.domains.isActive(dom)).toBe(true);
    await lv.domains.suspend(dom);
    expect((await lv.domains.info(dom)).state).toBe(DomainState.PAUSED);
    await lv.domains.resume(dom);
    await lv.domains.setAutostart(dom, true);
    expect(await lv.domains.autostart(dom)).toBe(true);
    expect(await lv.domains.xml(dom)).toContain(`<name>${name}</name>`);
    const stats = await lv.domains.allStats(
      VirDomainStatsTypes.VIR_DOMAIN_STATS_STATE | VirDomainStatsTypes.VIR_DOMAIN_STATS_CPU_TOTAL,
      0,
      [dom],
    );
    expect(stats[0]).toMatchObject({ name, stats: { "state.state": DomainState.RUNNING } });
    await lv.domains.destroy(dom);
    await lv.domains.undefine(dom);

    const expected = [Ev.DEFINED, Ev.STARTED, Ev.SUSPENDED, Ev.RESUMED, Ev.STOPPED, Ev.UNDEFINED];
    await waitFor(() => (mine(seenA).length >= expected.length ? true : undefined));
    expect(mine(seenA)).toEqual(expected);
    expect(mine(seenB)).toEqual(expected);
    await subA.unsubscribe();
    await subB.unsubscribe();
  });

  it("lists domains with state and returns typed errors", async () => {
    const doms = await lv.domains.list();
    expect(doms.find((d) => d.name === "test")).toMatchObject({ stateName: "running", state: DomainState.RUNNING });
    const err = await lv.domains.lookupByName(`missing-${name}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err).toMatchObject({ code: 42, codeName: "VIR_ERR_NO_DOMAIN", domainName: "VIR_FROM_TEST", remote: true });
  });

  it("all-domain stats come back as plain objects", async () => {
    const stats = await lv.domains.allStats();
    const test = stats.find((s) => s.name === "test")!;
    expect(test.stats["state.state"]).toBe(1);
    // The test driver only implements the state group.
    expect(test.stats).toEqual({ "state.state": 1, "state.reason": expect.any(Number) });
  });

  it("network and pool events fan out", async () => {
    const netEvents: LibvirtEvent[] = [];
    const sub = await lv.client.subscribe({ family: "network", eventId: NetworkEventId.LIFECYCLE }, (e) => netEvents.push(e));
    const poolSub = await lv.client.subscribe({ family: "storagePool", eventId: StoragePoolEventId.LIFECYCLE }, () => undefined);
    const netName = `net-${randomBytes(3).toString("hex")}`;
    const net = await lv.networks.define(`<network><name>${netName}</name><bridge name='vb${randomBytes(3).toString("hex")}'/></network>`);
    try {
      await lv.networks.start(net);
      expect(await lv.networks.xml(net)).toContain(netName);
      await lv.networks.stop(net);
    } finally {
      await lv.networks.undefine(net).catch(() => undefined);
    }
    await waitFor(() => (netEvents.filter((e) => (e.data.net as { name: string }).name === netName).length >= 4 ? true : undefined));
    await sub.unsubscribe();
    await poolSub.unsubscribe();
  });

  it("pipelines 200 calls and respects per-call timeouts", async () => {
    const results = await Promise.all(Array.from({ length: 200 }, () => lv.host.hostname()));
    expect(new Set(results).size).toBe(1);
  });
});
