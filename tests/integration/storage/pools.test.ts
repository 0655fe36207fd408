// Storage pools on the real libvirtd: a dir pool through its whole life, an fs pool on a loop device
// (libvirt mounts it), a failed create that leaves nothing behind, and deleting with data.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createPool } from "@/lib/server/storage/create-pool";
import { deletePool } from "@/lib/server/storage/delete-pool";
import { getPool, listPools } from "@/lib/server/storage/list-pools";
import { poolAction } from "@/lib/server/storage/pool-action";
import { createPoolRequestSchema } from "@/lib/validations/storage";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { virsh } from "../libvirt/virsh";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
const suffix = Date.now().toString(36);
const work = mkdtempSync(path.join(tmpdir(), "vc-pools-"));

const input = (raw: unknown) => createPoolRequestSchema.parse(raw);

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
});

afterAll(async () => {
  // Whatever a failed test left behind.
  const left = virsh("pool-list", "--all", "--name")
    .split("\n")
    .filter((n) => n.trim().endsWith(suffix));
  for (const name of left) {
    if (virsh("pool-info", name).match(/State:\s+running/)) virsh("pool-destroy", name);
    virsh("pool-undefine", name);
  }
  await hostPool().closeAll();
  await tc.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe("a dir pool", () => {
  const name = `it-dir-${suffix}`;
  const dir = path.join(work, "dir-pool");

  it("is created (directory built), started and autostarted, and listed with its capacity", async () => {
    await createPool(ctxOf(admin), { hostId, ...input({ type: "dir", name, targetPath: dir }) });
    expect(existsSync(dir)).toBe(true);
    const row = (await listPools(hostId)).find((p) => p.name === name)!;
    expect(row).toMatchObject({ type: "dir", state: "running", autostart: true, persistent: true, targetPath: dir, volumeCount: 0 });
    expect(row.capacityBytes).toBeGreaterThan(0);
    expect(virsh("pool-info", name)).toMatch(/Autostart:\s+yes/);
    expect((await tc.auditRows("pool.create")).at(-1)).toMatchObject({ result: "ok", target: `storage:local/${name}` });
  });

  it("refuses a second pool of the same name and says so", async () => {
    await expect(createPool(ctxOf(admin), { hostId, ...input({ type: "dir", name, targetPath: dir }) })).rejects.toThrow(
      `A storage pool named ${name} already exists`,
    );
  });

  it("stops, starts, refreshes and toggles autostart", async () => {
    await poolAction(ctxOf(admin), { hostId, pool: name, action: "stop" });
    expect((await getPool(hostId, name)).state).toBe("inactive");
    await poolAction(ctxOf(admin), { hostId, pool: name, action: "start" });
    await poolAction(ctxOf(admin), { hostId, pool: name, action: "refresh" });
    await poolAction(ctxOf(admin), { hostId, pool: name, action: "autostart-off" });
    expect(await getPool(hostId, name)).toMatchObject({ state: "running", autostart: false });
    await expect(poolAction(ctxOf(admin), { hostId, pool: name, action: "start" })).rejects.toThrow(/already active/);
    expect((await tc.auditRows("pool.start")).at(-1)).toMatchObject({ result: "error" });
  });

  it("is deleted with its directory when asked", async () => {
    await deletePool(ctxOf(admin), { hostId, pool: name, deleteData: true });
    expect(existsSync(dir)).toBe(false);
    expect((await listPools(hostId)).some((p) => p.name === name)).toBe(false);
  });
});

describe("an fs pool on a pre-formatted block device", () => {
  const name = `it-fs-${suffix}`;
  let loop = "";

  beforeAll(() => {
    const image = path.join(work, "fs.img");
    execFileSync("truncate", ["-s", "64M", image]);
    execFileSync("mkfs.ext4", ["-q", "-F", image]);
    loop = execFileSync("losetup", ["-f", "--show", image], { encoding: "utf8" }).trim();
  });

  afterAll(() => {
    if (loop) execFileSync("losetup", ["-d", loop]);
  });

  it("is mounted by libvirt on start and unmounted on stop, and deleted without touching the device", async () => {
    const mountPoint = path.join(work, "fs-mount");
    await createPool(ctxOf(admin), {
      hostId,
      ...input({ type: "fs", name, sourceDevice: loop, sourceFormat: "ext4", targetPath: mountPoint, autostart: false }),
    });
    expect(execFileSync("findmnt", ["-n", "-o", "SOURCE", mountPoint], { encoding: "utf8" }).trim()).toBe(loop);
    const row = await getPool(hostId, name);
    expect(row).toMatchObject({ type: "fs", state: "running", autostart: false });
    expect(row.capacityBytes).toBeGreaterThan(40 * 1024 * 1024);
    await deletePool(ctxOf(admin), { hostId, pool: name, deleteData: false });
    expect(() => execFileSync("findmnt", ["-n", mountPoint])).toThrow();
    expect(execFileSync("blkid", ["-o", "value", "-s", "TYPE", loop], { encoding: "utf8" }).trim()).toBe("ext4");
  });
});

describe("a create that fails", () => {
  it("leaves no pool behind and says which step failed, in libvirt's words", async () => {
    const name = `it-bad-${suffix}`;
    // No such device: defining works, starting (mounting) cannot.
    const attempt = createPool(ctxOf(admin), {
      hostId,
      ...input({ type: "fs", name, sourceDevice: "/dev/vc-no-such-device", targetPath: path.join(work, "never") }),
    });
    await expect(attempt).rejects.toThrow(/^The pool could not be started, so it was not kept: /);
    expect(virsh("pool-list", "--all", "--name")).not.toContain(name);
    expect((await tc.auditRows("pool.create")).at(-1)).toMatchObject({ result: "error", target: `storage:local/${name}` });
  });
});
