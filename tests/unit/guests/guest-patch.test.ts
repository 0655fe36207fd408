import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { applyStatePatch, statePatchFor } from "@/lib/client/guest-patch";
import { queryKeys } from "@/lib/client/live-keys";
import type { GuestListResponse, GuestRow } from "@/lib/guests/types";

const row = (uuid: string, over: Partial<GuestRow> = {}): GuestRow => ({
  hostId: "h1",
  uuid,
  name: `g-${uuid}`,
  title: null,
  tags: [],
  template: false,
  state: "running",
  stateReason: "booted",
  persistent: true,
  autostart: false,
  hasManagedSave: false,
  vcpus: 1,
  memoryKiB: 1024,
  cpuPercent: 12,
  memoryPercent: 40,
  diskBytesPerSec: 5,
  netBytesPerSec: 6,
  runningSince: 1000,
  ipAddresses: [],
  ...over,
});

const list = (...guests: GuestRow[]): GuestListResponse => ({ hosts: [], guests, errors: [] });

describe("a lifecycle event patches the cached guest", () => {
  it("reads the patch from a domain message and ignores others", () => {
    expect(statePatchFor({ type: "domain", hostId: "h1", uuid: "u1", state: "paused", reason: "paused" })).toEqual({
      hostId: "h1",
      uuid: "u1",
      state: "paused",
      reason: "paused",
    });
    expect(statePatchFor({ type: "domain", hostId: "h1", uuid: "u1", event: 0 })).toBeNull();
    expect(statePatchFor({ type: "domain", hostId: "h1", uuid: "u1", state: "sleeping" })).toBeNull();
    expect(statePatchFor({ type: "network", hostId: "h1" })).toBeNull();
  });

  it("changes the row in every list and the guest's page, and nothing else", () => {
    const qc = new QueryClient();
    const other = row("u2");
    qc.setQueryData(queryKeys.guests(), list(row("u1"), other));
    qc.setQueryData(queryKeys.guests("h1"), list(row("u1")));
    qc.setQueryData(queryKeys.guests("h2"), list(row("u1", { hostId: "h2" })));
    qc.setQueryData(queryKeys.guest("h1", "u1"), { guest: row("u1"), xml: "<domain/>" });

    applyStatePatch(qc, { hostId: "h1", uuid: "u1", state: "paused", reason: "paused" });

    const all = qc.getQueryData<GuestListResponse>(queryKeys.guests())!;
    expect(all.guests[0]).toMatchObject({ state: "paused", stateReason: "paused", cpuPercent: 12 });
    expect(all.guests[1]).toBe(other);
    expect(qc.getQueryData<GuestListResponse>(queryKeys.guests("h1"))!.guests[0].state).toBe("paused");
    expect(qc.getQueryData<GuestListResponse>(queryKeys.guests("h2"))!.guests[0].state).toBe("running");
    expect(qc.getQueryData<{ guest: GuestRow; xml: string }>(queryKeys.guest("h1", "u1"))).toMatchObject({
      guest: { state: "paused" },
      xml: "<domain/>",
    });
  });

  it("clears a stopped guest's usage figures and leaves caches that do not hold it alone", () => {
    const qc = new QueryClient();
    const before = list(row("u2"));
    qc.setQueryData(queryKeys.guests(), list(row("u1")));
    qc.setQueryData(queryKeys.guests("h1"), before);

    applyStatePatch(qc, { hostId: "h1", uuid: "u1", state: "shutoff", reason: "destroyed" });

    expect(qc.getQueryData<GuestListResponse>(queryKeys.guests())!.guests[0]).toMatchObject({
      state: "shutoff",
      stateReason: "destroyed",
      cpuPercent: null,
      runningSince: null,
    });
    expect(qc.getQueryData(queryKeys.guests("h1"))).toBe(before);
    expect(qc.getQueryData(queryKeys.guest("h1", "u1"))).toBeUndefined();
  });
});
