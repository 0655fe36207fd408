import { describe, expect, it } from "vitest";
import { can, canSomewhere, expandTagGrants, grantedTags, grantWithin, intersectGrants, type Grant, type TaggedGuest } from "@/lib/roles";

const tagGrant = (role: Grant["role"], tag: string): Grant => ({ role, scope: "tag", hostId: null, guestUuid: null, tag });
const guest = (hostId: string, uuid: string) => ({ kind: "guest" as const, hostId, guestUuid: uuid });

describe("grants on a tag", () => {
  const berlin = tagGrant("helpdesk", "branch-berlin");
  const tagged: TaggedGuest[] = [
    { hostId: "A", uuid: "u1", tags: ["branch-berlin", "web"] },
    { hostId: "B", uuid: "u2", tags: ["branch-paris"] },
  ];

  it("reach every guest carrying the tag once expanded, and no other", () => {
    const grants = expandTagGrants([berlin], tagged);
    expect(can(grants, "guest.console", guest("A", "u1"))).toBe(true);
    expect(can(grants, "guest.power", guest("A", "u1"))).toBe(true);
    expect(can(grants, "guest.manage", guest("A", "u1"))).toBe(false); // helpdesk may not change it
    expect(can(grants, "guest.console", guest("B", "u2"))).toBe(false);
    expect(can(grants, "host.view", { kind: "host", hostId: "A" })).toBe(false);
  });

  it("reach a guest tagged later, and lose one whose tag is removed", () => {
    const before = expandTagGrants([berlin], tagged);
    expect(can(before, "guest.view", guest("B", "u2"))).toBe(false);
    const later = expandTagGrants([berlin], [tagged[0], { ...tagged[1], tags: ["branch-paris", "branch-berlin"] }]);
    expect(can(later, "guest.view", guest("B", "u2"))).toBe(true);
    const removed = expandTagGrants([berlin], [{ ...tagged[0], tags: ["web"] }, tagged[1]]);
    expect(can(removed, "guest.view", guest("A", "u1"))).toBe(false);
  });

  it("mark the guest grants they make, so lists can show the tag grant instead", () => {
    const made = expandTagGrants([berlin], tagged).filter((g) => g.scope === "guest");
    expect(made).toEqual([{ role: "helpdesk", scope: "guest", hostId: "A", guestUuid: "u1", viaTag: "branch-berlin" }]);
  });

  it("give nothing on a guest before they are expanded", () => {
    expect(can([berlin], "guest.view", guest("A", "u1"))).toBe(false);
  });

  it("count as a guest-wide grant for menus, and name their tags", () => {
    expect(canSomewhere([berlin], "guest.console")).toBe(true);
    expect(canSomewhere([berlin], "guest.console", "host")).toBe(false);
    expect(grantedTags([berlin, berlin, { role: "viewer", scope: "global", hostId: null, guestUuid: null }])).toEqual(["branch-berlin"]);
  });

  it("met with a token's grants stay tag grants, narrowed to what both allow", () => {
    const token: Grant = { role: "viewer", scope: "global", hostId: null, guestUuid: null };
    const both = intersectGrants([token], [berlin]);
    expect(both).toEqual([{ role: "viewer", scope: "tag", hostId: null, guestUuid: null, tag: "branch-berlin", only: ["guest.view"] }]);
    const expanded = expandTagGrants(both, tagged);
    expect(can(expanded, "guest.view", guest("A", "u1"))).toBe(true);
    expect(can(expanded, "guest.console", guest("A", "u1"))).toBe(false);
  });

  it("a token may hold a tag grant its owner holds, not another tag", () => {
    expect(grantWithin(berlin, [berlin])).toBe(true);
    expect(grantWithin(tagGrant("helpdesk", "branch-paris"), [berlin])).toBe(false);
    expect(grantWithin(berlin, [{ role: "admin", scope: "global", hostId: null, guestUuid: null }])).toBe(true);
  });
});
