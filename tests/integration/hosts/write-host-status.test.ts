// A host's recorded status on a real database (SQLite, as the single instance has it): only the instance holding
// the host's lease writes it, the first write makes the row, a burst ends at its newest, and a late write of an
// instance that handed the host over changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instanceId } from "@/lib/server/cluster/instance";
import { db } from "@/lib/server/db";
import { writeHostStatus } from "@/lib/server/hosts/write-host-status";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";

let tc: TestConsole;
let hostId: string;

const recorded = () => db().hostState.findUnique({ where: { hostId }, select: { state: true, message: true, instanceId: true } });
const lease = (holder: string) =>
  db().hostLease.upsert({
    where: { hostId },
    create: { hostId, instanceId: holder, expiresAt: new Date(Date.now() + 60_000) },
    update: { instanceId: holder },
  });

beforeAll(async () => {
  tc = await startTestConsole();
  hostId = await tc.addHost("fleet2-status", "test:///default");
});
afterAll(async () => tc?.cleanup());

describe("writeHostStatus", () => {
  it("writes nothing for a host whose lease this instance does not hold", async () => {
    writeHostStatus(hostId, { state: "connecting", since: Date.now() });
    await new Promise((r) => setTimeout(r, 300));
    expect(await recorded()).toBeNull();
  });

  it("makes the row at the first write, then keeps the newest of a burst", async () => {
    await lease(instanceId());
    writeHostStatus(hostId, { state: "connecting", since: Date.now() });
    await expect.poll(recorded).toEqual({ state: "connecting", message: null, instanceId: instanceId() });
    const since = Date.now();
    writeHostStatus(hostId, { state: "retrying", since, message: "refused", retryAt: since + 1000 });
    writeHostStatus(hostId, { state: "connected", since });
    await expect.poll(recorded).toEqual({ state: "connected", message: null, instanceId: instanceId() });
  });

  it("a late write after the lease went to another instance changes nothing", async () => {
    await lease("i-someone-else");
    writeHostStatus(hostId, { state: "retrying", since: Date.now(), message: "late", retryAt: Date.now() });
    await new Promise((r) => setTimeout(r, 300));
    expect(await recorded()).toEqual({ state: "connected", message: null, instanceId: instanceId() });
  });
});
