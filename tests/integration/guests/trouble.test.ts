// A guest that QEMU pauses by itself: its disk's storage fills up (a 1 MiB tmpfs under a 64 MiB image),
// QEMU stops the guest rather than lose writes, libvirt says "ioerror" and names the disk, and the
// console explains it and shows the last lines of QEMU's log on this machine.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainPausedReason } from "@/lib/libvirt/generated/flags";
import { stopReason, stoppedByTrouble } from "@/lib/guests/stop-reason";
import { QEMU_LOG_DIR, readGuestTrouble } from "@/lib/server/guests/guest-trouble";
import { describeState } from "@/lib/server/guests/state-reason";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";
import { runInGuest } from "../../helpers/guest-shell";
import { startPersistentTestGuest, type RunningTestGuest } from "../../helpers/test-guest";

let tc: TestConsole;
let lv: Libvirt;
let dir: string;
let guest: RunningTestGuest;
let hostId: string;
let uuid: string;

beforeAll(async () => {
  tc = await startTestConsole();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  dir = mkdtempSync(path.join(os.tmpdir(), "vc-edges-full-"));
  chmodSync(dir, 0o755);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m,mode=0755", "vc-edges-full", dir]);
  const image = path.join(dir, "full.img");
  writeFileSync(image, "");
  truncateSync(image, 64 * 1024 * 1024);
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "vc-edges-full",
    extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${image}'/><target dev='vda' bus='virtio'/></disk>`,
  });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
});

afterAll(async () => {
  await guest?.cleanup();
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
  if (dir) {
    execFileSync("umount", [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

async function waitForPause(timeoutMs = 60_000): Promise<{ state: number; reason: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await lv.domains.state(guest.dom);
    if (s.state === 3 || Date.now() > deadline) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("a guest QEMU paused by itself", () => {
  it("reads as paused by a disk error, names the disk that ran out of space and shows QEMU's last log lines", async () => {
    // The guest never answers: QEMU pauses it in the middle of the write.
    void runInGuest(lv, guest.dom, "dd if=/dev/zero of=/dev/vda bs=1M count=8 conv=fsync", { timeoutMs: 90_000 }).catch(() => undefined);
    const paused = await waitForPause();
    expect(paused).toMatchObject({ state: 3, reason: VirDomainPausedReason.VIR_DOMAIN_PAUSED_IOERROR });

    const { state, reason } = describeState(paused.state, paused.reason);
    expect(stoppedByTrouble(state, reason)).toBe(true);
    expect(stopReason(state, reason)).toEqual({ key: "paused.ioerror" });

    const trouble = await readGuestTrouble(ctxOf(await tc.actor()), { hostId, uuid });
    expect(trouble.diskErrors).toEqual([{ disk: "vda", error: "no space left" }]);
    const logPath = `${QEMU_LOG_DIR}/${guest.name}.log`;
    expect(trouble.log).toMatchObject({ path: logPath });
    const lines = "lines" in trouble.log ? trouble.log.lines : [];
    const wholeLog = readFileSync(logPath, "utf8").trimEnd().split("\n");
    expect(lines).toEqual(wholeLog.slice(-20));
    expect(lines.length).toBeGreaterThan(0);
  });
});
