// "Save to file" and restore on the real libvirtd: a running test guest is saved into the default pool
// (a job with progress), listed for restore with the guest it holds, and restored with what it had in
// memory; the file then goes (or, when it cannot, the restore still succeeds and says so). Wrong pools, taken
// names and files that are no saved state are refused.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainRunningReason, VirDomainShutoffReason } from "@/lib/libvirt/generated/flags";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { listSavedImages } from "@/lib/server/guests/saved-state/list-saved-images";
import { restoreGuest } from "@/lib/server/guests/saved-state/restore-guest";
import { saveGuest } from "@/lib/server/guests/saved-state/save-guest";
import { saveTargets } from "@/lib/server/guests/saved-state/save-targets";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { jobFinished } from "../../helpers/jobs";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { startPersistentTestGuest, type RunningTestGuest } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
const images = "/var/lib/libvirt/images";
const notSaved = `vc-not-a-save-${process.pid}.save`;

const finished = (job: JobView) => jobFinished(job, admin.id, { pollMs: 200 });

const stateOf = async () => lv.domains.state(guest.dom);

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  guest = await startPersistentTestGuest(lv, { namePrefix: "vc-saved", memoryMiB: 128 });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  // Through libvirt, so the pool's own list never names a file that is gone (other tests read it).
  const pool = await lv.storage.lookupPool("default");
  await lv.storage.createVolume(
    pool,
    `<volume><name>${notSaved}</name><capacity unit='KiB'>4</capacity><target><format type='raw'/></target></volume>`,
  );
});

afterAll(async () => {
  await guest.cleanup();
  const pool = await lv.storage.lookupPool("default");
  for (const file of [`${guest.name}.save`, `${guest.name}-again.save`, notSaved]) {
    const vol = await lv.storage.lookupVolume(pool, file).catch(() => null);
    if (vol) await lv.storage.deleteVolume(vol);
  }
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("save to a file in a pool, restore from it", () => {
  it("offers the directory pools and a file named after the guest", async () => {
    const targets = await saveTargets(hostId, uuid);
    expect(targets.suggestedFile).toBe(`${guest.name}.save`);
    expect(targets.pools.map((p) => p.name)).toContain("default");
  });

  it("saves the running guest with progress; the guest stops and the file is listed for restore", async () => {
    await runInGuest(lv, guest.dom, "echo kept-in-memory > /tmp/marker");
    const job = await saveGuest(ctxOf(admin), { hostId, uuid, pool: "default", file: guest.name });
    const done = await finished(job);
    expect(done.error).toBeUndefined();
    expect(done).toMatchObject({ status: "done", result: { pool: "default", volume: `${guest.name}.save` } });
    expect(done.total).toBeGreaterThan(0);
    expect(await stateOf()).toMatchObject({ name: "shutoff", reason: VirDomainShutoffReason.VIR_DOMAIN_SHUTOFF_SAVED });
    expect(existsSync(`${images}/${guest.name}.save`)).toBe(true);

    const listed = await listSavedImages(hostId);
    const ours = listed.find((i) => i.volume === `${guest.name}.save`);
    expect(ours).toMatchObject({ pool: "default", guestName: guest.name, guestUuid: uuid });
    expect(ours!.sizeBytes).toBeGreaterThan(1024 * 1024);
    expect(Math.abs(ours!.savedAt! - Date.now())).toBeLessThan(10 * 60_000);
    expect(listed.some((i) => i.volume === notSaved)).toBe(false);
  });

  it("refuses a taken file name, a pool without a directory and a file that is no saved state", async () => {
    await expect(saveGuest(ctxOf(admin), { hostId, uuid, pool: "default", file: `${guest.name}.save` })).rejects.toMatchObject({
      status: 409,
      fields: { file: "This name is taken" },
    });
    await expect(saveGuest(ctxOf(admin), { hostId, uuid, pool: "no-such-pool", file: "x" })).rejects.toMatchObject({ status: 422 });
    await expect(restoreGuest(ctxOf(admin), { hostId, pool: "default", volume: "x.img", removeAfter: false })).rejects.toMatchObject({
      status: 422,
    });
    const refused = await finished(await restoreGuest(ctxOf(admin), { hostId, pool: "default", volume: notSaved, removeAfter: true }));
    expect(refused.status).toBe("failed");
    expect(refused.error).toMatch(/save|image|header|magic/i);
    expect(existsSync(`${images}/${notSaved}`)).toBe(true);
  });

  it("restores the guest with its memory and removes the file", async () => {
    const done = await finished(
      await restoreGuest(ctxOf(admin), { hostId, pool: "default", volume: `${guest.name}.save`, removeAfter: true }),
    );
    expect(done.error).toBeUndefined();
    expect(await stateOf()).toMatchObject({ name: "running", reason: VirDomainRunningReason.VIR_DOMAIN_RUNNING_RESTORED });
    expect(existsSync(`${images}/${guest.name}.save`)).toBe(false);
    expect((await runInGuest(lv, guest.dom, "cat /tmp/marker")).trim()).toBe("kept-in-memory");
    expect((await tc.auditRows("guest.save")).map((r) => r.result)).toEqual(["ok", "error", "error"]);
    expect((await tc.auditRows("guest.restore")).map((r) => r.result)).toEqual(["error", "error", "ok"]);
  });

  it("a restore whose file cannot be deleted still succeeds, and says the file is left", async () => {
    const file = `${guest.name}-again.save`;
    expect((await finished(await saveGuest(ctxOf(admin), { hostId, uuid, pool: "default", file }))).status).toBe("done");
    // Immutable: not even root (libvirtd) may unlink it.
    execFileSync("chattr", ["+i", `${images}/${file}`]);
    try {
      const done = await finished(await restoreGuest(ctxOf(admin), { hostId, pool: "default", volume: file, removeAfter: true }));
      expect(done.status).toBe("done");
      expect(done.result).toMatchObject({
        volume: file,
        warning: expect.stringMatching(/^The guest runs, but the saved state was not deleted: .*(not permitted|cannot)/i),
      });
      expect(await stateOf()).toMatchObject({ name: "running" });
      expect(existsSync(`${images}/${file}`)).toBe(true);
      const rows = await tc.auditRows("guest.restore");
      expect(rows.at(-1)).toMatchObject({ result: "ok" });
      expect(JSON.parse(rows.at(-1)!.details)).toMatchObject({ volume: file, warning: expect.stringContaining("was not deleted") });
    } finally {
      execFileSync("chattr", ["-i", `${images}/${file}`]);
    }
  });
});
