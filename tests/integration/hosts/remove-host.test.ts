// Removing a connected host this instance holds, on real libvirtd and a real database, while something keeps asking
// for the host (as the serial-log reader and the metrics collector do between the removal and the next lease round):
// the dashboard's recent events get one "disconnected" under the host's name, and no connection is left retrying.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { hostPool, takeOverHost } from "@/lib/server/hosts/host-pool";
import { removeHost } from "@/lib/server/hosts/remove-host";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
});
afterAll(async () => {
  await hostPool().closeAll();
  await tc?.cleanup();
});

describe("removeHost", () => {
  it("records the held host's disconnect under its name, however often it is asked for meanwhile", async () => {
    const name = "verbs3-gone";
    const hostId = await tc.addHost(name, "test:///default");
    await takeOverHost(hostId);
    await expect.poll(() => hostPool().status(hostId)?.state).toBe("connected");

    // A poller asking for the host at every turn of the event loop, through the removal.
    let polling = true;
    let asks = 0;
    const poller = (async () => {
      while (polling) {
        await hostPool()
          .get(hostId)
          .catch(() => undefined);
        asks++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await removeHost(ctxOf(admin), { hostId });
    const asksAtRemoval = asks;
    await expect.poll(() => asks - asksAtRemoval).toBeGreaterThan(20); // and on for a while after it
    polling = false;
    await poller;

    const events = () =>
      db().fleetEvent.findMany({ where: { hostId }, select: { kind: true, hostName: true, message: true }, orderBy: { at: "asc" } });
    await expect.poll(events).toEqual([{ kind: "host.disconnected", hostName: name, message: "disconnected by an admin" }]);
    expect(hostPool().status(hostId)).toBeNull();
    expect(hostPool().owns(hostId)).toBe(false);
  });
});
