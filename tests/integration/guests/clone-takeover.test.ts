// A clone job whose console instance is killed (SIGKILL) while libvirt copies its disk: this test process,
// a live instance on the same database (SQLite, as after a restart of the default single instance), takes
// the job over; it ends as failed with the reason, and nothing of the half-made clone is left.
import { execFileSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { Actor } from "@/lib/server/auth/session";
import { startInstance, stopInstance } from "@/lib/server/cluster/instance";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { INSTANCE_DIED } from "@/lib/server/jobs/job-row";
import { handOverJobs, startJobService } from "@/lib/server/jobs/service";
import { parseArtefacts, removeArtefact } from "@/lib/server/jobs/artefacts";
import { jobFinished } from "../../helpers/jobs";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { startJobInstance } from "../../helpers/job-instance";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let child: ChildProcess | undefined;
const name = uniqueGuestName("vc-jobs-kill");
const cloneName = `${name}-copy`;
const images = "/var/lib/libvirt/images";
// Real bytes (not a sparse file), so libvirt's copy takes seconds and the kill lands in the middle of it.
const DISK_MIB = 512;

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", ...args], { stdio: "pipe" }).toString();
const volumesNamed = (prefix: string) =>
  virsh("vol-list", "--pool", "default")
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((v) => v?.startsWith(prefix));

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  execFileSync("bash", ["-c", `yes vc-jobs | head -c ${DISK_MIB}M > ${images}/${name}.img`]);
  virsh("pool-refresh", "default");
  const disk = `<disk type='volume' device='disk'><driver name='qemu' type='raw'/><source pool='default' volume='${name}.img'/><target dev='vda' bus='virtio'/></disk>`;
  await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 96, await resolveVirtType(lv), undefined, { extraDevices: disk }));
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await handOverJobs();
  await stopInstance();
  await removeGuests(lv, [name, cloneName]);
  for (const vol of volumesNamed(name)) virsh("vol-delete", "--pool", "default", vol);
  rmSync(`${images}/${name}.img`, { force: true });
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("a clone whose console instance dies", () => {
  it("is taken over by a live instance, ends failed saying why, and leaves no volume or guest behind", async () => {
    const uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
    const started = await startJobInstance({
      verb: "clone",
      actorId: admin.id,
      hostId,
      uuid,
      input: { name: cloneName, disks: [{ target: "vda", action: "copy", volume: `${cloneName}.img` }] },
    });
    child = started.child;

    // The copy is under way: recorded as the job's artefact, and libvirt shows the new volume.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const row = await db().job.findUniqueOrThrow({ where: { id: started.job.id } });
      expect(row.status).toBe("running");
      if (parseArtefacts(row.made).some((a) => a.kind === "volume" && a.name === `${cloneName}.img`) && volumesNamed(cloneName).length > 0)
        break;
      if (Date.now() > deadline) throw new Error("the copy did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    expect((await db().job.findUniqueOrThrow({ where: { id: started.job.id } })).status).toBe("running");

    // This process becomes a live instance; once the dead one's heartbeat is old enough, it claims the job.
    await startInstance("test:clone-takeover");
    await startJobService();
    const job = await jobFinished(started.job, admin.id, { timeoutMs: 120_000, pollMs: 200 });
    expect(job).toMatchObject({ status: "failed", error: INSTANCE_DIED });
    expect(volumesNamed(cloneName)).toEqual([]);
    expect((await lv.domains.list()).map((d) => d.name)).not.toContain(cloneName);
    // The original is untouched.
    expect(volumesNamed(name)).toEqual([`${name}.img`]);
    const rows = await tc.auditRows("job.takeover");
    expect(rows.map((r) => [r.result, JSON.parse(r.details).job])).toEqual([["error", started.job.id]]);
  }, 180_000);

  it("removing a volume libvirt is still writing waits until the write ends, then removes it", async () => {
    const pool = await lv.storage.lookupPool("default");
    const source = await lv.storage.lookupVolume(pool, `${name}.img`);
    const copyName = `${name}-busy.img`;
    const copying = lv.storage.cloneVolume(
      pool,
      `<volume><name>${copyName}</name><capacity unit='MiB'>${DISK_MIB}</capacity></volume>`,
      source,
    );
    for (let i = 0; volumesNamed(copyName).length === 0; i++) {
      if (i > 600) throw new Error("the copy did not start");
      await new Promise((r) => setTimeout(r, 20));
    }
    let busy = false;
    await lv.storage
      .deleteVolume(await lv.storage.lookupVolume(pool, copyName))
      .catch((err: Error) => (busy = /still being allocated/.test(err.message)));
    expect(busy).toBe(true);
    await removeArtefact({ kind: "volume", hostId, pool: "default", name: copyName });
    await copying;
    expect(volumesNamed(copyName)).toEqual([]);
  }, 120_000);
});
