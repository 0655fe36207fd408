import { describe, expect, it } from "vitest";
import { can, canAnywhere, type Grant, type Permission, type Scope } from "@/lib/roles";

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
