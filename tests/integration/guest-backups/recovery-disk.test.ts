// Single-disk recovery on the real libvirtd with two test guests: marker A on the first guest's disk, a
// full backup, marker B after it; the point's disk attached to the second (running) guest shows marker A
// and not B when read INSIDE that guest (its serial shell), through an overlay whose backing file is the
// point's; the point's file does not change, the point cannot be deleted while attached, someone without
// device editing on the other guest is refused, and "Detach and discard" takes the disk off the guest and
// removes the overlay.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt, uuidToString } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { attachPointDisk } from "@/lib/server/guest-backups/attach-point-disk";
import { backUpGuest } from "@/lib/server/guest-backups/back-up-guest";
import { deleteBackupPoint } from "@/lib/server/guest-backups/delete-point";
import { detachRecoveryDisk } from "@/lib/server/guest-backups/detach-recovery-disk";
import { listBackups } from "@/lib/server/guest-backups/list-backups";
import { listRecoveryDisks } from "@/lib/server/guest-backups/recovery-disks";
import { jobs } from "@/lib/server/jobs/jobs";
import { startBackupFixture, type BackupFixture } from "../../helpers/backup-fixture";
import type { TestConsole } from "../../helpers/console-db";
import { runInGuest, waitInGuest } from "../../helpers/guest-shell";
import { startPersistentTestGuest, type RunningTestGuest } from "../../helpers/test-guest";
import { until } from "../../helpers/until";
import { ctxOf } from "../../helpers/verb-context";

const tag = `backups2-recover-${process.pid}`;
let f: BackupFixture;
let dir: string;
const SECTOR = 2048;
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let source: RunningTestGuest;
let other: RunningTestGuest;
let uuid: string;
let otherUuid: string;
let target: PoolRef;

/** The 8 bytes at the marker's sector of each virtio disk the guest sees, by its name there (vda: …). */
const markersInside = (disks: string) =>
  `for d in ${disks}; do printf "%s:" $d; busybox dd if=/dev/$d bs=512 skip=${SECTOR} count=1 2>/dev/null | busybox head -c 8; echo; done`;
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const vdNames = (out: string) => out.split(/\s+/).filter((n) => /^vd[a-z]+$/.test(n));

beforeAll(async () => {
  f = await startBackupFixture(tag);
  ({ tc, admin, hostId, lv, dir } = f);
  const src = await f.dirPool(`${tag}-src`);
  target = await f.dirPool(`${tag}-tgt`);
  source = await f.guestWithDisk(src, `${tag}-a`);
  other = await startPersistentTestGuest(lv, { namePrefix: `${tag}-b`, memoryMiB: 96 });
  uuid = uuidToString(source.dom.uuid);
  otherUuid = uuidToString(other.dom.uuid);
}, 180_000);

afterAll(async () => {
  await other?.cleanup();
  await f?.cleanup();
});

describe("single-disk recovery", () => {
  it("attaches a point's disk to another running guest, which reads the point's data; detach discards the overlay", async () => {
    await runInGuest(lv, source.dom, `printf MARKER-A | busybox dd of=/dev/vda bs=512 seek=${SECTOR} conv=fsync 2>/dev/null; echo ok`);
    const view = await backUpGuest(ctxOf(admin), { hostId, uuid, pool: `${tag}-tgt`, kind: "full" });
    const job = await until("the backup", async () => {
      const now = await jobs().get(view.id, admin.id);
      return now && now.status !== "running" ? now : null;
    });
    expect(job.error ?? "").toBe("");
    await runInGuest(lv, source.dom, `printf MARKER-B | busybox dd of=/dev/vda bs=512 seek=${SECTOR} conv=fsync 2>/dev/null; echo ok`);
    const [point] = await listBackups(ctxOf(admin), { hostId, uuid });
    const pointFile = path.join(dir, `${tag}-tgt`, point!.disks[0]!.volume);
    const before = sha(pointFile);

    // Restore rights on the point's guest are not enough: device editing on the other guest is needed too.
    const helper = await tc.actor([{ role: "operator", scope: "guest", hostId, guestUuid: uuid }]);
    await expect(attachPointDisk(ctxOf(helper), { hostId, uuid, pointId: point!.id, disk: "vda", guest: otherUuid })).rejects.toMatchObject(
      {
        status: 403,
      },
    );
    await expect(attachPointDisk(ctxOf(admin), { hostId, uuid, pointId: point!.id, disk: "vda", guest: uuid })).rejects.toThrow(
      "Attach the disk to another guest",
    );

    const seen = vdNames(await runInGuest(lv, other.dom, "ls /sys/block"));
    const attached = await attachPointDisk(ctxOf(admin), { hostId, uuid, pointId: point!.id, disk: "vda", guest: otherUuid });
    expect(attached).toMatchObject({ sourceGuest: source.name, sourceDisk: "vda", pointId: point!.id, pool: `${tag}-tgt` });
    expect(await listRecoveryDisks(ctxOf(admin), { hostId, uuid: otherUuid })).toEqual([attached]);

    // The overlay's backing file is the point's file, and both definitions of the other guest have the disk.
    const overlay = path.join(dir, `${tag}-tgt`, attached.volume);
    const info = JSON.parse(execFileSync("qemu-img", ["info", "-U", "--output=json", overlay]).toString()) as {
      "backing-filename": string;
    };
    expect(info["backing-filename"]).toBe(pointFile);
    for (const flags of [VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE])
      expect(await lv.domains.xml(other.dom, flags)).toContain(`<source file='${overlay}'`);

    // Inside the other guest: the new disk holds the point's marker (A), not what the first guest wrote later (B).
    const added = vdNames(await waitInGuest(lv, other.dom, "ls /sys/block", (out) => vdNames(out).length > seen.length, 60_000)).filter(
      (n) => !seen.includes(n),
    );
    expect(added).toHaveLength(1);
    expect((await runInGuest(lv, other.dom, markersInside(added[0]!))).trim()).toBe(`${added[0]}:MARKER-A`);

    // Held while attached: the point cannot be deleted.
    await expect(deleteBackupPoint(ctxOf(admin), { hostId, uuid, pointId: point!.id })).rejects.toThrow(
      `This restore point is attached to ${other.name} as ${attached.targetDev} for recovery`,
    );

    await detachRecoveryDisk(ctxOf(admin), { hostId, uuid: otherUuid, attachmentId: attached.id });
    expect(await listRecoveryDisks(ctxOf(admin), { hostId, uuid: otherUuid })).toEqual([]);
    for (const flags of [VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE])
      expect(await lv.domains.xml(other.dom, flags)).not.toContain(attached.volume);
    expect((await lv.storage.listVolumes(target)).map((v) => v.name)).toEqual([point!.disks[0]!.volume]);
    expect(sha(pointFile)).toBe(before);
    const audit = await db().auditLog.findMany({
      where: { action: { in: ["guest.backup.attach", "guest.backup.detach"] } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => [a.action, a.result])).toEqual([
      ["guest.backup.attach", "error"],
      ["guest.backup.attach", "error"],
      ["guest.backup.attach", "ok"],
      ["guest.backup.detach", "ok"],
    ]);
  }, 300_000);
});
