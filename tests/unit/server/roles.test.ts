import { describe, expect, it } from "vitest";
import { navigationFor } from "@/lib/navigation";
import { can, canAnywhere, canOnHostOrItsGuests, canSeeHost, canSomewhere, type Grant, type Permission, type Scope } from "@/lib/roles";

const hostA: Scope = { kind: "host", hostId: "A" };
const guestA1: Scope = { kind: "guest", hostId: "A", guestUuid: "u1" };
const guestA2: Scope = { kind: "guest", hostId: "A", guestUuid: "u2" };
const guestB1: Scope = { kind: "guest", hostId: "B", guestUuid: "u1" };

const grant = (g: Partial<Grant> & Pick<Grant, "role" | "scope">): Grant => ({ hostId: null, guestUuid: null, ...g });

describe("role grants", () => {
  // [grant, permission, scope, allowed]
  const table: [Grant, Permission, Scope, boolean][] = [
    [grant({ role: "admin", scope: "global" }), "admin", { kind: "global" }, true],
    [grant({ role: "admin", scope: "host", hostId: "A" }), "admin", { kind: "global" }, false],
    [grant({ role: "operator", scope: "global" }), "admin", { kind: "global" }, false],
    [grant({ role: "operator", scope: "global" }), "guest.manage", guestB1, true],
    [grant({ role: "operator", scope: "host", hostId: "A" }), "guest.manage", guestA1, true],
    [grant({ role: "operator", scope: "host", hostId: "A" }), "guest.manage", guestB1, false],
    [grant({ role: "operator", scope: "host", hostId: "A" }), "storage.manage", hostA, true],
    [grant({ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.console", guestA1, true],
    [grant({ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.power", guestA1, true],
    [grant({ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.console", guestA2, false],
    [grant({ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.console", guestB1, false],
    [grant({ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.manage", guestA1, false],
    [grant({ role: "helpdesk", scope: "global" }), "metrics.view", hostA, false],
    [grant({ role: "helpdesk", scope: "global" }), "host.view", hostA, false],
    [grant({ role: "viewer", scope: "global" }), "metrics.view", hostA, true],
    [grant({ role: "viewer", scope: "global" }), "guest.power", guestA1, false],
    // Self-service roles reach guests one by one: a host grant gives a power user only the right to create there.
    [grant({ role: "power-user", scope: "host", hostId: "A" }), "guest.create", hostA, true],
    [grant({ role: "power-user", scope: "host", hostId: "A" }), "guest.create", { kind: "host", hostId: "B" }, false],
    [grant({ role: "power-user", scope: "host", hostId: "A" }), "guest.view", guestA1, false],
    [grant({ role: "power-user", scope: "global" }), "guest.power", guestA1, false],
    [grant({ role: "power-user", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.delete", guestA1, true],
    [grant({ role: "power-user", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.manage", guestA1, false],
    [grant({ role: "user", scope: "global" }), "guest.view", guestA1, false],
    [grant({ role: "user", scope: "host", hostId: "A" }), "guest.create", hostA, false],
    [grant({ role: "user", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.snapshot", guestA1, true],
    [grant({ role: "user", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.console", guestA1, true],
    [grant({ role: "user", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.delete", guestA1, false],
    [grant({ role: "user", scope: "guest", hostId: "A", guestUuid: "u1" }), "guest.snapshot", guestA2, false],
    [grant({ role: "viewer", scope: "global" }), "guest.console", guestA1, false],
  ];
  it.each(table)("%j may %s on %j: %s", (g, permission, scope, allowed) => {
    expect(can([g], permission, scope)).toBe(allowed);
  });

  it("no grants means nothing, and any one grant is enough", () => {
    expect(can([], "guest.view", guestA1)).toBe(false);
    const grants = [
      grant({ role: "viewer", scope: "host", hostId: "B" }),
      grant({ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1" }),
    ];
    expect(can(grants, "guest.power", guestA1)).toBe(true);
    expect(can(grants, "guest.view", guestB1)).toBe(true);
    expect(can(grants, "guest.power", guestB1)).toBe(false);
    expect(canAnywhere(grants, "guest.console")).toBe(true);
    expect(canAnywhere(grants, "admin")).toBe(false);
  });
});

describe("seeing hosts", () => {
  const helpdeskOnA1 = grant({ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1" });
  const viewerOnA1 = grant({ role: "viewer", scope: "guest", hostId: "A", guestUuid: "u1" });
  const viewerOnB = grant({ role: "viewer", scope: "host", hostId: "B" });
  const helpdeskEverywhere = grant({ role: "helpdesk", scope: "global" });
  const operatorEverywhere = grant({ role: "operator", scope: "global" });

  it("a host is seen with host.view on it: a global or host grant, never a guest grant or helpdesk", () => {
    expect(canSeeHost([viewerOnB], "B")).toBe(true);
    expect(canSeeHost([viewerOnB], "A")).toBe(false);
    expect(canSeeHost([operatorEverywhere], "A")).toBe(true);
    expect(canSeeHost([helpdeskOnA1], "A")).toBe(false);
    expect(canSeeHost([viewerOnA1], "A")).toBe(false);
    expect(canSeeHost([helpdeskEverywhere], "A")).toBe(false);
  });

  it("a host is a label beside the guests the person may see on it", () => {
    expect(canOnHostOrItsGuests([helpdeskOnA1], "guest.view", "A")).toBe(true);
    expect(canOnHostOrItsGuests([helpdeskOnA1], "guest.view", "B")).toBe(false);
    expect(canOnHostOrItsGuests([helpdeskEverywhere], "guest.view", "B")).toBe(true);
    expect(canOnHostOrItsGuests([helpdeskOnA1], "metrics.view", "A")).toBe(false);
    expect(canOnHostOrItsGuests([viewerOnA1], "metrics.view", "A")).toBe(true);
  });

  it("grants count as wide as their scope", () => {
    expect(canSomewhere([viewerOnA1], "host.view", "guest")).toBe(true);
    expect(canSomewhere([viewerOnA1], "host.view", "host")).toBe(false);
    expect(canSomewhere([viewerOnB], "host.view", "host")).toBe(true);
    expect(canSomewhere([viewerOnB], "host.view", "global")).toBe(false);
    expect(canSomewhere([grant({ role: "admin", scope: "host", hostId: "A" })], "admin", "global")).toBe(false);
  });

  it("the sidebar follows: hosts, storage and networks only for those who see a whole host", () => {
    const labels = (grants: Grant[]) => navigationFor(grants).map((i) => i.label);
    expect(labels([helpdeskOnA1])).toEqual(["dashboard", "guests", "schedules"]);
    expect(labels([viewerOnA1])).toEqual(["dashboard", "guests", "alerts", "reports"]);
    expect(labels([helpdeskEverywhere])).toEqual(["dashboard", "guests", "schedules"]);
    expect(labels([viewerOnB])).toEqual(["dashboard", "guests", "hosts", "storage", "networks", "alerts", "reports"]);
    expect(labels([grant({ role: "admin", scope: "global" })])).toEqual([
      "dashboard",
      "guests",
      "hosts",
      "storage",
      "networks",
      "schedules",
      "alerts",
      "reports",
      "admin",
    ]);
    expect(labels([])).toEqual(["dashboard"]);
  });
});
