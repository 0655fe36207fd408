// What every guest-backups integration test starts from: a test console with the local libvirt as a host and an
// admin, directory pools under one private temporary folder, and test guests whose vda is a small qcow2 (version
// 3, so incremental backups work) volume; cleanup removes guests, volumes, pools, the folder and the console.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Libvirt } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newId } from "@/lib/server/ids";
import { startTestConsole, type TestConsole } from "./console-db";
import { startPersistentTestGuest, type RunningTestGuest } from "./test-guest";

export type BackupFixture = {
  tc: TestConsole;
  admin: Actor;
  hostId: string;
  lv: Libvirt;
  /** The private folder (mode 755, so QEMU reaches into it) under which pools live by default. */
  dir: string;
  /** A transient directory pool `name`, at `at` (default: a folder of that name under `dir`). */
  dirPool(name: string, at?: string): Promise<PoolRef>;
  /** A running persistent test guest whose vda is a new 16 MiB qcow2 v3 volume in `pool`. */
  guestWithDisk(pool: PoolRef, namePrefix: string): Promise<RunningTestGuest>;
  /**
   * Stops the guests (last made first), empties and stops the pools, closes everything and removes `dir`;
   * `beforeRemovingDir` runs just before that (to unmount what a test mounted inside it).
   */
  cleanup(beforeRemovingDir?: () => void): Promise<void>;
};

export async function startBackupFixture(tag: string): Promise<BackupFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), `${tag}-`));
  chmodSync(dir, 0o755);
  const tc = await startTestConsole();
  const admin = await tc.actor();
  await db().roleGrant.create({ data: { id: newId(), userId: admin.id, role: "admin", scope: "global" } });
  const hostId = await tc.addHost("local", "qemu:///system");
  const lv = await Libvirt.open("qemu:///system");
  const pools: PoolRef[] = [];
  const guests: RunningTestGuest[] = [];
  return {
    tc,
    admin,
    hostId,
    lv,
    dir,
    async dirPool(name, at = path.join(dir, name)) {
      mkdirSync(at, { recursive: true });
      const pool = await lv.storage.createTransientPool(`<pool type='dir'><name>${name}</name><target><path>${at}</path></target></pool>`);
      pools.push(pool);
      return pool;
    },
    async guestWithDisk(pool, namePrefix) {
      const disk = await lv.storage.createVolume(
        pool,
        `<volume><name>${namePrefix}-disk.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/><compat>1.1</compat></target></volume>`,
      );
      const diskPath = /<path>([^<]+)<\/path>/.exec(await lv.storage.volumeXml(disk))![1]!;
      const guest = await startPersistentTestGuest(lv, {
        namePrefix,
        memoryMiB: 96,
        extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>`,
      });
      guests.push(guest);
      return guest;
    },
    async cleanup(beforeRemovingDir) {
      for (const guest of guests.reverse()) await guest.cleanup();
      for (const pool of pools) {
        for (const vol of await lv.storage.listVolumes(pool).catch(() => [])) await lv.storage.deleteVolume(vol).catch(() => undefined);
        await lv.storage.stopPool(pool).catch(() => undefined);
      }
      await lv.close();
      await hostPool().closeAll();
      await tc.cleanup();
      beforeRemovingDir?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
