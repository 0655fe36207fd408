import { describe, expect, it } from "vitest";
import { migrationDestinations } from "@/lib/guests/migration-types";
import type { HostSummary } from "@/lib/guests/types";

const host = (id: string, uri: string, state: "connected" | "disconnected" = "connected"): HostSummary =>
  ({ id, name: id, uri, status: { state } }) as HostSummary;

describe("migrationDestinations", () => {
  const hosts = [
    host("src", "qemu:///system"),
    host("demo", "test:///default"),
    host("peer", "qemu+tcp://10.77.0.2/system"),
    host("down", "qemu+ssh://root@h3/system", "disconnected"),
    host("other", "QEMU+tls://h4/system"),
  ];

  it("offers the other connected hosts of the source's driver that the person may manage", () => {
    expect(migrationDestinations(hosts, "src", () => true).map((h) => h.id)).toEqual(["peer", "other"]);
    expect(migrationDestinations(hosts, "src", (id) => id !== "peer").map((h) => h.id)).toEqual(["other"]);
  });

  it("offers nothing of another driver, and nothing when the source is the only host of its kind", () => {
    expect(migrationDestinations(hosts, "demo", () => true)).toEqual([]);
  });
});
