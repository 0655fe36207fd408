// A host removed while something still asks for it (the serial-log reader and the metrics collector poll every
// host they know): the pool must not connect it again, nor tell that it was lost. Before, such a call made a new
// connection while the old one closed; as the host was still this instance's, its "no such host" retry was
// recorded as the host's disconnect, under its id, and the real disconnect was not recorded at all.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { Libvirt } from "@/lib/libvirt";
import { HostPool, type PoolEvent } from "@/lib/server/hosts/connections";

/** The transport boundary: a connection that is open at once and whose close waits for `finishClose`. */
function fakeLibvirt() {
  let finishClose = () => {};
  const closing = new Promise<void>((resolve) => (finishClose = resolve));
  const client = Object.assign(new EventEmitter(), {
    state: "open",
    subscribe: async () => ({ unsubscribe: async () => undefined }),
  });
  const lv = { client, close: () => closing } as unknown as Libvirt;
  return { lv, finishClose };
}

describe("removing a host", () => {
  it("a call for the host while it is removed neither connects it again nor reports it lost", async () => {
    let exists = true;
    const { lv, finishClose } = fakeLibvirt();
    const pool = new HostPool(
      async (id) => (exists ? { target: { id, name: "gamma", uri: "qemu+tcp://192.0.2.1/system" }, options: {} } : null),
      async () => lv,
    );
    // What the relay records: the statuses told while the host is this instance's.
    const told: { hostName: string; state: string }[] = [];
    pool.on("event", (e: PoolEvent) => {
      if (e.type === "status" && pool.owns(e.hostId)) told.push({ hostName: e.hostName, state: e.status.state });
    });
    pool.own("h-3");
    await pool.get("h-3");
    expect(told.at(-1)).toEqual({ hostName: "gamma", state: "connected" });
    told.length = 0;

    exists = false; // its row is deleted first, then every instance is told to remove it
    const removing = pool.remove("h-3");
    await expect(pool.get("h-3")).rejects.toThrow("no such host");
    finishClose();
    await removing;

    expect(told.filter((t) => t.state !== "connecting")).toEqual([{ hostName: "gamma", state: "disconnected" }]);
    expect(pool.owns("h-3")).toBe(false);
    expect(pool.status("h-3")).toBeNull(); // no connection left retrying a host that is gone
  });

  it("a host that is gone is asked for again without a connection being kept for it", async () => {
    const pool = new HostPool(
      async () => null,
      async () => {
        throw new Error("never opened");
      },
    );
    const statuses: string[] = [];
    pool.on("event", (e: PoolEvent) => e.type === "status" && statuses.push(e.status.state));
    await expect(pool.get("h-4")).rejects.toThrow("h-4: no such host");
    await expect(pool.get("h-4")).rejects.toThrow("h-4: no such host");
    expect(statuses.filter((s) => s !== "connecting")).toEqual([]);
    expect(pool.status("h-4")).toBeNull();
  });
});
