// Serial logs against the real libvirtd: a guest whose serial port writes a log file (<log file=…/>), read
// while nobody has its console open, from this machine's files and through SFTP on a host reached over SSH;
// two readers (two console instances) store each line once; enabling the log and the clipboard channel
// change the saved definition only. Boots may be slow on a busy machine: the tests wait for conditions, with
// generous limits.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { addClipboardChannel, clipboardStatus } from "@/lib/server/consoles/clipboard-channel";
import { enableSerialLog, serialLogPath } from "@/lib/server/consoles/serial-log/enable";
import { HostSerialLogs } from "@/lib/server/consoles/serial-log/host-logs";
import { serialLog } from "@/lib/server/consoles/serial-log/query";
import { startSerialLogs, stopSerialLogs } from "@/lib/server/consoles/serial-log/service";
import { LocalFiles, SftpFiles } from "@/lib/server/consoles/serial-log/sources";
import { db } from "@/lib/server/db";
import { addHost } from "@/lib/server/hosts/add-host";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { startSshd } from "../../helpers/sshd";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let lv: Libvirt;
let hostId: string;
let dom: DomainRef;
let uuid: string;
const name = uniqueGuestName("vc-serlog");
const logPath = serialLogPath(name, "serial0");

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  const xml = testGuestXml(name, ensureTestGuestImage(), 160, await resolveVirtType(lv)).replace(
    "<serial type='pty'>",
    `<serial type='pty'><log file='${logPath}' append='on'/>`,
  );
  dom = await lv.domains.createTransient(xml);
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
});

afterAll(async () => {
  stopSerialLogs();
  await lv.domains.destroy(dom).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
  rmSync(logPath, { force: true });
});

const reader = (files: () => Promise<LocalFiles | SftpFiles>, id = hostId) =>
  new HostSerialLogs({ hostId: id, connect: () => hostPool().get(id), files, pollMs: 200, maxLines: 1000 });

/** Ticks readers until `done` holds (each tick does what is due; nothing here waits on a clock). */
async function readUntil(readers: HostSerialLogs[], done: () => Promise<boolean>, limit = 600): Promise<void> {
  for (let i = 0; i < limit && !(await done()); i++) {
    await Promise.all(readers.map((r) => r.tick()));
    await new Promise((r) => setTimeout(r, 250));
  }
}
const lines = (host = hostId) =>
  db().serialLogLine.findMany({ where: { hostId: host, guestUuid: uuid, device: "serial0" }, orderBy: { id: "asc" } });

describe("serial logs", () => {
  it("keeps what the guest writes while nobody has its console open, once, with two readers at it", async () => {
    expect(await waitForBoot(lv, dom, 240_000)).toBe(true);
    const [a, b] = [randomBytes(3).toString("hex"), randomBytes(3).toString("hex")];
    // Written a moment after the command returns and the console is let go.
    await runInGuest(lv, dom, `(busybox sleep 2; echo UNWATCHED-${a}""${b}) & echo started`, { timeoutMs: 120_000 });
    const first = reader(async () => new LocalFiles());
    const second = reader(async () => new LocalFiles());
    const marker = `UNWATCHED-${a}${b}`;
    // The guest's echo lands after the shell's prompt ("/ # UNWATCHED-…"): the line holds the marker.
    const hasMarker = (l: { text: string }) => l.text.includes(marker);
    await readUntil([first, second], async () => (await lines()).some(hasMarker));
    const kept = await lines();
    expect(kept.filter(hasMarker)).toHaveLength(1);
    expect(kept.some((l) => l.text.startsWith("TESTGUEST READY"))).toBe(true);
    // No control sequences (the shell's cursor query) in what is kept.
    expect(kept.every((l) => !l.text.includes("\x1b"))).toBe(true);
    expect(first.state(uuid, "serial0")).toEqual({ state: "reading", path: logPath });

    // The console's own reader (the service a server runs) says how it fares with the file.
    startSerialLogs();
    const query = () => serialLog(admin, hostId, uuid, { device: "serial0", q: marker.toLowerCase(), limit: 10 });
    await expect
      .poll(async () => (await query()).source, { timeout: 120_000, interval: 500 })
      .toMatchObject({ state: "reading", path: logPath });
    const page = await query();
    expect(page.lines).toHaveLength(1);
    expect(page.lines[0].text).toContain(marker);
  }, 420_000);

  it("reads the same log through SFTP on a host reached over SSH", async () => {
    // SFTP as an SSH host offers it (Debian's sshd_config has the subsystem; the test's server is bare).
    const sshd = await startSshd({ extraConfig: "Subsystem sftp internal-sftp" });
    try {
      const fingerprint = execFileSync("ssh-keygen", ["-lf", path.join(sshd.dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1];
      const { id } = await addHost(ctxOf(admin), {
        kind: "ssh",
        name: "remote-serial",
        user: sshd.user,
        address: sshd.host,
        port: sshd.port,
        auth: "key",
        privateKey: sshd.clientKey.toString("utf8"),
        hostKeyFingerprint: fingerprint,
      });
      const host = await db().host.findUniqueOrThrow({ where: { id } });
      const remote = reader(() => SftpFiles.open(host), id);
      await readUntil([remote], async () => (await lines(id)).some((l) => l.text.startsWith("TESTGUEST READY")));
      expect((await lines(id)).length).toBeGreaterThan(0);
      expect(remote.state(uuid, "serial0")?.state).toBe("reading");
      remote.close();
    } finally {
      await sshd.stop();
    }
  }, 240_000);

  it("adds a log file and the clipboard channel to a persistent guest's saved definition, for its next boot", async () => {
    const persistent = await lv.domains.define(
      testGuestXml(uniqueGuestName("vc-serlog-def"), ensureTestGuestImage(), 128, await resolveVirtType(lv)),
    );
    try {
      const id = (await lv.domains.list()).find((d) => d.name === persistent.name)!.uuid;
      expect((await clipboardStatus(admin, hostId, id, "vnc")).channel).toBe("none");
      const { path: written } = await enableSerialLog(ctxOf(admin), { hostId, uuid: id, device: "serial0" });
      expect(written).toBe(serialLogPath(persistent.name, "serial0"));
      await addClipboardChannel(ctxOf(admin), { hostId, uuid: id, display: "vnc" });
      const saved = await lv.domains.xml(persistent, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
      expect(saved).toContain(`<log file='${written}' append='on'/>`);
      expect(saved).toMatch(/<channel type='qemu-vdagent'>/);
      expect(await clipboardStatus(admin, hostId, id, "vnc")).toMatchObject({ channel: "next-boot", agent: null, mayAdd: false });
      expect((await tc.auditRows("console.serial.log.enable")).at(-1)).toMatchObject({ result: "ok" });
      expect((await tc.auditRows("guest.device.add")).at(-1)).toMatchObject({ result: "ok" });
      // Once there, enabling again changes nothing; a second clipboard channel is refused.
      await expect(addClipboardChannel(ctxOf(admin), { hostId, uuid: id, display: "vnc" })).rejects.toMatchObject({ status: 409 });
    } finally {
      await lv.domains.undefine(persistent).catch(() => undefined);
    }
  }, 180_000);
});
