// Recent events name hosts by name, also once the host is removed: the pool's events carry the name the
// host had, and the dashboard's words fall back to it when the host is no longer listed.
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { fleetEventText } from "@/components/metrics/fleet-event-text";
import type { FleetEvent } from "@/lib/metrics/fleet-types";
import messages from "@/messages/en.json";
import { HostPool, type PoolEvent } from "@/lib/server/hosts/connections";

const t = createTranslator({ locale: "en", messages, namespace: "dashboard" });

describe("host names in events", () => {
  it("the pool's status events carry the host's name", async () => {
    const pool = new HostPool(
      async (id) => ({ target: { id, name: "alpha", uri: "qemu+tcp://192.0.2.1/system" }, options: {} }),
      async () => {
        throw new Error("connection refused");
      },
    );
    const seen: PoolEvent[] = [];
    pool.on("event", (e: PoolEvent) => seen.push(e));
    await expect(pool.get("h-1")).rejects.toThrow("alpha: connection refused");
    await pool.forget("h-1");
    const statuses = seen.filter((e) => e.type === "status");
    expect(statuses.at(-1)).toMatchObject({ hostId: "h-1", hostName: "alpha", status: { state: "disconnected" } });
    expect(statuses.find((e) => e.status.state === "retrying")).toMatchObject({ hostName: "alpha" });
  });

  it("a removed host's last status is told while the host is still this instance's, so it is recorded", async () => {
    const pool = new HostPool(
      async (id) => ({ target: { id, name: "beta", uri: "qemu+tcp://192.0.2.1/system" }, options: {} }),
      async () => {
        throw new Error("connection refused");
      },
    );
    pool.own("h-2");
    await pool.get("h-2").catch(() => undefined);
    const ownedWhenTold: boolean[] = [];
    pool.on("event", (e: PoolEvent) => {
      if (e.type === "status" && e.status.state === "disconnected") ownedWhenTold.push(pool.owns("h-2"));
    });
    await pool.remove("h-2");
    expect(ownedWhenTold).toEqual([true]);
    expect(pool.owns("h-2")).toBe(false);
  });

  it("a removed host's events read with the name it had, a listed host's with its current one", () => {
    const gone: FleetEvent = {
      at: 1,
      kind: "host.disconnected",
      hostId: "9f0c-uuid",
      hostName: "alpha",
      message: "disconnected by an admin",
    };
    expect(fleetEventText(gone, () => undefined, t)).toBe("alpha disconnected: disconnected by an admin");
    expect(fleetEventText(gone, (id) => (id === "9f0c-uuid" ? "alpha-renamed" : undefined), t)).toBe(
      "alpha-renamed disconnected: disconnected by an admin",
    );
    const started: FleetEvent = { at: 2, kind: "guest.started", hostId: "9f0c-uuid", hostName: "alpha", uuid: "u", name: "web" };
    expect(fleetEventText(started, () => undefined, t)).toBe("web started on alpha");
    expect(fleetEventText({ at: 3, kind: "host.connected", hostId: "9f0c-uuid" }, () => undefined, t)).toBe(
      "a removed host is connected again",
    );
  });
});
