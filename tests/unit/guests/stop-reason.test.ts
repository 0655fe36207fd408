// Why a guest is paused or crashed, as a message with words, for every reason libvirt has; and which hosts are this
// machine (whose QEMU logs the console may read, and which forms start on).
import { describe, expect, it } from "vitest";
import { stopReason, stoppedByTrouble } from "@/lib/guests/stop-reason";
import { isThisMachine, preferThisMachine } from "@/lib/hosts/this-machine";
import { VirDomainCrashedReason, VirDomainPausedReason } from "@/lib/libvirt/generated/flags";
import { describeState } from "@/lib/server/guests/state-reason";
import en from "@/messages/en.json";

const reasons = (values: Record<string, number>) => Object.entries(values).filter(([name]) => !name.endsWith("_LAST"));

describe("why a guest stopped", () => {
  it("explains every paused and crashed reason libvirt knows in words (a message of its own), not libvirt's codes", () => {
    for (const [state, table] of [
      [3, VirDomainPausedReason],
      [6, VirDomainCrashedReason],
    ] as const) {
      for (const [name, value] of reasons(table)) {
        const d = describeState(state, value);
        const why = stopReason(d.state, d.reason);
        expect(why, name).not.toHaveProperty("reason");
        const [group, key] = why!.key.split(".") as ["paused" | "crashed", string];
        const text = (en.stopReason[group] as Record<string, string>)[key];
        expect(text?.length, name).toBeGreaterThan(15);
      }
    }
  });

  it("tells a pause someone asked for from one QEMU made by itself", () => {
    expect(stoppedByTrouble("paused", "user")).toBe(false);
    expect(stoppedByTrouble("paused", "ioerror")).toBe(true);
    expect(stoppedByTrouble("paused", "unknown")).toBe(true);
    expect(stoppedByTrouble("crashed", "panicked")).toBe(true);
    expect(stoppedByTrouble("running", "unknown")).toBe(false);
    expect(stopReason("running", "booted")).toBeNull();
    // A reason libvirt adds later still reads as paused, with libvirt's word.
    expect(stopReason("paused", "toString")).toEqual({ key: "pausedOther", reason: "toString" });
  });
});

describe("this machine", () => {
  it("is the system libvirt over the local socket, not a session, another socket or another host", () => {
    expect(isThisMachine("qemu:///system")).toBe(true);
    expect(isThisMachine("qemu+unix:///system")).toBe(true);
    expect(isThisMachine("qemu:///session")).toBe(false);
    expect(isThisMachine("qemu:///system?socket=/run/peer/libvirt-sock")).toBe(false);
    expect(isThisMachine("qemu+ssh://root@host/system")).toBe(false);
    expect(isThisMachine("test:///default")).toBe(false);
    expect(isThisMachine("not a uri")).toBe(false);
  });

  it("is the host a form starts on, whatever the names' order", () => {
    const hosts = [
      { name: "alpha", uri: "qemu+ssh://root@alpha/system" },
      { name: "localhost", uri: "qemu:///system" },
    ];
    expect(preferThisMachine(hosts)?.name).toBe("localhost");
    expect(preferThisMachine(hosts.slice(0, 1))?.name).toBe("alpha");
    expect(preferThisMachine([])).toBeUndefined();
  });
});
