import { describe, expect, it } from "vitest";
import type { ConsoleNotice } from "@/lib/consoles/presence";
import { ConsolePresence, type PresenceBusMessage } from "@/lib/server/consoles/presence/registry";

/** Instances on one bus that delivers every message to all of them, in one order (as LISTEN/NOTIFY does). */
function cluster(n: number) {
  const changed: string[] = [];
  const members: ConsolePresence[] = [];
  /** Members that died: they send and hear nothing more. */
  const dead = new Set<number>();
  let clock = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    members.push(
      new ConsolePresence({
        instance: () => `i${i}`,
        publish: (m: PresenceBusMessage) =>
          dead.has(i) ? undefined : members.forEach((p, j) => !dead.has(j) && p.receive(structuredClone(m))),
        changed: (hostId, uuid) => changed.push(`i${i}:${hostId}/${uuid}`),
        // A clock that moves on with every look: who joined first is never a tie.
        now: () => (clock += 1),
      }),
    );
  }
  return { members, changed, dead };
}

const person = (name: string, kind: "vnc" | "serial" = "vnc") => ({ hostId: "h", uuid: "u", kind, userId: `id-${name}`, name });

function joined(p: ConsolePresence, name: string, opts: { watchOnly?: boolean; mayTakeOver?: boolean; kind?: "vnc" | "serial" } = {}) {
  const notices: ConsoleNotice[] = [];
  let modeChanges = 0;
  const handle = p.join(person(name, opts.kind), {
    watchOnly: opts.watchOnly ?? false,
    mayTakeOver: opts.mayTakeOver ?? false,
    notify: (n) => notices.push(n),
    modeChanged: () => modeChanges++,
  });
  return { handle, notices, modeChanges: () => modeChanges };
}

const modes = (p: ConsolePresence) => p.seatsOf("h", "u").map((s) => `${s.name}:${s.mode}`);

describe("who is on a console, across instances", () => {
  it("gives the first person control and lets later ones watch; every instance sees everyone", () => {
    const { members } = cluster(2);
    const ann = joined(members[0], "Ann");
    const bob = joined(members[1], "Bob");
    expect(ann.handle.mayControl()).toBe(true);
    expect(bob.handle.mayControl()).toBe(false);
    expect(modes(members[0])).toEqual(["Ann:control", "Bob:view"]);
    expect(modes(members[1])).toEqual(["Ann:control", "Bob:view"]);
    bob.handle.leave();
    expect(modes(members[0])).toEqual(["Ann:control"]);
  });

  it("asks the holder, who gives control; the asker holds it after, on every instance", () => {
    const { members } = cluster(2);
    const ann = joined(members[0], "Ann");
    const bob = joined(members[1], "Bob");
    const asked = bob.handle.request({ type: "control.ask" });
    expect(asked).toEqual({ ok: true, audit: { action: "console.control.request", details: { holder: "Ann" } } });
    expect(ann.notices.at(-1)).toEqual({ type: "control.asked", from: bob.handle.seat.id, name: "Bob" });
    const given = ann.handle.request({ type: "control.answer", to: bob.handle.seat.id, give: true });
    expect(given).toEqual({ ok: true, audit: { action: "console.control.give", details: { to: "Bob" } } });
    expect(bob.handle.mayControl()).toBe(true);
    expect(ann.handle.mayControl()).toBe(false);
    expect(bob.notices).toContainEqual({ type: "control.answered", give: true, by: "Ann" });
    expect(ann.modeChanges()).toBeGreaterThan(0);
    expect(modes(members[0])).toEqual(["Ann:view", "Bob:control"]);
  });

  it("lets the holder keep control", () => {
    const { members } = cluster(1);
    const ann = joined(members[0], "Ann");
    const bob = joined(members[0], "Bob");
    bob.handle.request({ type: "control.ask" });
    expect(ann.handle.request({ type: "control.answer", to: bob.handle.seat.id, give: false })).toMatchObject({
      audit: { action: "console.control.keep" },
    });
    expect(bob.notices.at(-1)).toEqual({ type: "control.answered", give: false, by: "Ann" });
    expect(ann.handle.mayControl()).toBe(true);
  });

  it("takes control only when it is free or the person may take it over", () => {
    const { members } = cluster(2);
    const ann = joined(members[0], "Ann");
    const bob = joined(members[1], "Bob");
    expect(bob.handle.request({ type: "control.take" })).toEqual({ ok: false, refusal: { key: "heldBy", name: "Ann" } });
    const boss = joined(members[1], "Boss", { mayTakeOver: true, watchOnly: true });
    expect(boss.handle.mayControl()).toBe(false);
    expect(boss.handle.request({ type: "control.take" })).toEqual({
      ok: true,
      audit: { action: "console.control.take", details: { from: "Ann" } },
    });
    expect(modes(members[0])).toEqual(["Ann:view", "Bob:view", "Boss:control"]);
    boss.handle.request({ type: "control.release" });
    expect(bob.handle.request({ type: "control.take" })).toMatchObject({ ok: true, audit: { details: { from: null } } });
    expect(ann.handle.mayControl()).toBe(false);
  });

  it("keeps a view-only joiner watching even when nobody has control", () => {
    const { members } = cluster(1);
    const viewer = joined(members[0], "Viewer", { watchOnly: true });
    expect(viewer.handle.mayControl()).toBe(false);
    expect(viewer.notices).toEqual([{ type: "seat", seat: viewer.handle.seat.id, mode: "view", mayTake: false }]);
  });

  it("treats a serial console's one session as typing, and refuses hand-overs there", () => {
    const { members } = cluster(1);
    const serial = joined(members[0], "Ann", { kind: "serial" });
    expect(serial.handle.mayControl()).toBe(true);
    expect(serial.handle.request({ type: "control.release" })).toEqual({ ok: false, refusal: { key: "vncOnly" } });
  });

  it("tells each instance's pages when a guest's seats change, and forgets an instance that stopped", () => {
    const { members, changed } = cluster(2);
    joined(members[0], "Ann");
    expect(changed).toContain("i1:h/u");
    members[0].leaveAll();
    expect(members[1].seatsOf("h", "u")).toEqual([]);
  });

  it("forgets the seats of an instance that died, and the earliest person who joined to use its display takes it", () => {
    const { members, changed, dead } = cluster(3);
    joined(members[0], "Ann");
    const watcher = joined(members[1], "Cara", { watchOnly: true });
    const bob = joined(members[2], "Bob");
    expect(modes(members[2]).sort()).toEqual(["Ann:control", "Bob:view", "Cara:view"]);
    // Instance 0 is killed: nothing more comes from it. The others look at the heartbeats.
    dead.add(0);
    changed.length = 0;
    members[1].forgetInstances(new Set(["i1", "i2"]));
    members[2].forgetInstances(new Set(["i1", "i2"]));
    expect(changed).toEqual(expect.arrayContaining(["i1:h/u", "i2:h/u"]));
    expect(bob.handle.mayControl()).toBe(true);
    expect(watcher.handle.mayControl()).toBe(false);
    expect(modes(members[1]).sort()).toEqual(["Bob:control", "Cara:view"]);
    expect(members[1].remoteInstances()).toEqual(["i2"]);
  });
});
