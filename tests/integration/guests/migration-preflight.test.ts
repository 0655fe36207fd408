// The migration preflight against the real source libvirtd and the peer libvirtd (tests/helpers/
// peer-daemon.ts): what is missing on the destination comes back in words, and blocks the start.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { MigrationProblem } from "@/lib/guests/migration-types";
import type { Actor } from "@/lib/server/auth/session";
import { migrateGuest } from "@/lib/server/guests/migration/migrate-guest";
import { checkMigration } from "@/lib/server/guests/migration/preflight";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { migrationOptionsSchema, type MigrationOptionsInput } from "@/lib/validations/migration";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { startPeerDaemon, type PeerDaemon } from "../../helpers/peer-daemon";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let peer: PeerDaemon;
let admin: Actor;
let localId: string;
let peerId: string;
let lv: Libvirt;
let peerLv: Libvirt;
const made: string[] = [];
// The peer sees its own (empty) /var/lib/libvirt: a disk there on the source is missing on the peer.
const IMAGES = "/var/lib/libvirt/images";
let diskPath: string;

const options = (o: Partial<MigrationOptionsInput> = {}) =>
  migrationOptionsSchema.parse({ destinationHostId: peerId, mode: "offline", ...o });
const messages = (problems: MigrationProblem[], topic: string) =>
  problems.filter((p) => p.topic === topic && p.severity === "blocking").map((p) => p.message);

async function defineGuest(prefix: string, extraDevices = "", cpu = ""): Promise<string> {
  const name = uniqueGuestName(prefix);
  made.push(name);
  let xml = testGuestXml(name, ensureTestGuestImage(), 96, await resolveVirtType(lv), undefined, { extraDevices });
  if (cpu) xml = xml.replace("<features>", `${cpu}\n  <features>`);
  await lv.domains.define(xml);
  return (await lv.domains.list()).find((d) => d.name === name)!.uuid;
}

beforeAll(async () => {
  peer = await startPeerDaemon();
  tc = await startTestConsole();
  admin = await tc.actor();
  localId = await tc.addHost("local", "qemu:///system");
  peerId = await tc.addHost("peer", peer.uri);
  lv = await Libvirt.open("qemu:///system");
  peerLv = await Libvirt.open(peer.uri);
  diskPath = `${IMAGES}/${uniqueGuestName("vc-mig-disk")}.img`;
  execFileSync("truncate", ["-s", "1M", diskPath]);
  // A pool at the same directory on the peer: the console can tell the disk is not there.
  const pool = await peerLv.storage.definePool(`<pool type='dir'><name>images</name><target><path>${IMAGES}</path></target></pool>`);
  await peerLv.storage.buildPool(pool);
  await peerLv.storage.startPool(pool);
});

afterAll(async () => {
  await removeGuests(lv, made).catch(() => undefined);
  rmSync(diskPath, { force: true });
  await lv?.close();
  await peerLv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
  await peer?.stop();
});

describe("migration preflight", () => {
  it("names a missing network, a missing disk and a CPU the destination cannot give, and refuses to start", async () => {
    const uuid = await defineGuest(
      "vc-mig-pre",
      `<interface type='network'><source network='default'/><model type='virtio'/></interface>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>`,
      "<cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model><feature policy='require' name='avx512f'/></cpu>",
    );
    const check = await checkMigration(admin, localId, uuid, options());
    expect(check.ok).toBe(false);
    expect(messages(check.problems, "network")).toEqual([expect.stringMatching(/^Network “default” does not exist on peer\./)]);
    expect(messages(check.problems, "disk")).toEqual([
      expect.stringContaining(`Disk vda (${diskPath}) does not exist on peer (its pool “images” has no such volume)`),
    ]);
    expect(messages(check.problems, "cpu")).toEqual([expect.stringMatching(/^The guest's CPU \(qemu64\) cannot run on peer: .*avx512f/)]);

    await expect(migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options() })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("Network “default” does not exist on peer"),
    });
    expect(await peerLv.domains.lookupByUuid(uuid).catch(() => null)).toBeNull();
  });

  it("accepts copying the disk into the destination's pool instead, and a network once it runs there", async () => {
    const uuid = await defineGuest(
      "vc-mig-copy",
      `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>`,
    );
    const live = await checkMigration(admin, localId, uuid, options({ mode: "live", copyStorage: true }));
    expect(messages(live.problems, "disk")).toEqual([]);
    // Still refused: the guest is shut off, so only an offline migration (which copies nothing) fits.
    expect(messages(live.problems, "guest")).toEqual([expect.stringContaining("is not running")]);

    const netGuest = await defineGuest("vc-mig-net", "<interface type='network'><source network='vc-mig-net'/></interface>");
    const net = await peerLv.networks.define("<network><name>vc-mig-net</name><bridge name='vcmig0'/></network>");
    try {
      expect(messages((await checkMigration(admin, localId, netGuest, options())).problems, "network")).toEqual([
        "Network “vc-mig-net” exists on peer but is not running. Start it there first.",
      ]);
      await peerLv.networks.start(net);
      expect(messages((await checkMigration(admin, localId, netGuest, options())).problems, "network")).toEqual([]);
    } finally {
      await peerLv.networks.stop(net).catch(() => undefined);
      await peerLv.networks.undefine(net);
    }
  });

  it("refuses a host with the same libvirt host UUID, a local-socket destination and a guest already there", async () => {
    const uuid = await defineGuest("vc-mig-same");
    const aliasId = await tc.addHost("local-again", "qemu:///system");
    const same = await checkMigration(admin, localId, uuid, options({ destinationHostId: aliasId }));
    expect(same.peerUri).toBeNull();
    expect(messages(same.problems, "host")).toEqual([
      expect.stringContaining("local-again is connected through a local socket (qemu:///system)"),
      expect.stringMatching(/^local-again is the same libvirt host as the source \(host UUID [0-9a-f-]{36}\)\.$/),
    ]);

    const withUri = await checkMigration(
      admin,
      localId,
      uuid,
      options({ destinationHostId: aliasId, peerUri: "qemu+tcp://10.77.0.1/system" }),
    );
    expect(withUri.peerUri).toBe("qemu+tcp://10.77.0.1/system");

    const name = (await lv.domains.lookupByUuid(uuid)).name;
    const twin = await peerLv.domains.define(testGuestXml(name, ensureTestGuestImage(), 96, await resolveVirtType(lv)));
    try {
      expect(messages((await checkMigration(admin, localId, uuid, options())).problems, "guest")).toEqual([
        `peer already has a guest named ${name}.`,
      ]);
    } finally {
      await peerLv.domains.undefine(twin);
    }
  });

  it("needs guest.manage on the destination host too", async () => {
    const uuid = await defineGuest("vc-mig-perm");
    const operatorHere = await tc.actor([{ role: "operator", scope: "host", hostId: localId, guestUuid: null }]);
    await expect(checkMigration(operatorHere, localId, uuid, options())).rejects.toMatchObject({ status: 403 });
    const operatorBoth = await tc.actor([
      { role: "operator", scope: "host", hostId: localId, guestUuid: null },
      { role: "operator", scope: "host", hostId: peerId, guestUuid: null },
    ]);
    expect((await checkMigration(operatorBoth, localId, uuid, options())).ok).toBe(true);
    // Only an administrator may point the source daemon at an address of their choosing.
    await expect(checkMigration(operatorBoth, localId, uuid, options({ peerUri: "qemu+tcp://10.77.0.2/system" }))).rejects.toMatchObject({
      status: 403,
    });
  });
});
