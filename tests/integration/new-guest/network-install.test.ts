// Installing from a network tree on the real libvirtd: a .treeinfo tree served over HTTP from this
// process (the test guest's kernel and initrd as its installer), detected through osinfo, fetched into
// volumes through libvirt, booted once with inst.repo on the kernel command line; the persistent
// definition boots the disk. A tree that is not there fails cleanly, before anything is made.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { readInstallTree } from "@/lib/server/new-guest/install-tree";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, resolveVirtType, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";

const TREEINFO = "[general]\nfamily = Fedora\nversion = 37\narch = x86_64\nvariant = Server\n\n[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n";
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let server: Server;
let treeUrl = "";
const name = uniqueGuestName("vc-netinst");
const requested: string[] = [];

beforeAll(async () => {
  const image = ensureTestGuestImage();
  const files: Record<string, Buffer> = { "/tree/.treeinfo": Buffer.from(TREEINFO), "/tree/images/pxeboot/vmlinuz": readFileSync(image.kernel), "/tree/images/pxeboot/initrd.img": readFileSync(image.initrd) };
  server = createServer((req, res) => {
    requested.push(req.url ?? "");
    const body = files[req.url ?? ""];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Length": body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  treeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tree/`;
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
});

afterAll(async () => {
  const dom = await lv.domains.lookupByName(name).catch(() => null);
  if (dom) {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom, 4).catch(() => undefined);
  }
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool)) if (vol.name.startsWith(`${name}`)) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
  server.close();
});

describe("network install", () => {
  it("reads the tree: the OS through osinfo, the installer's kernel and initrd", async () => {
    const tree = await readInstallTree(treeUrl);
    expect(tree.os?.shortId).toBe("fedora37");
    expect(tree.kernel).toBe(`${treeUrl}images/pxeboot/vmlinuz`);
  });

  it("boots the fetched installer once, with the tree on its command line, and keeps the disk boot for later", async () => {
    const { cmdline } = ensureTestGuestImage();
    const input = newGuestSchema.parse({
      name,
      install: { method: "url", url: treeUrl, kernelArgs: cmdline },
      os: "fedora37",
      // KVM where it boots guests on this machine, emulation where it does not (see resolveVirtType).
      virtType: await resolveVirtType(lv),
      memoryMiB: 192,
      vcpus: 1,
      storage: { kind: "new", pool: "default", capacityBytes: 64 * 1024 * 1024 },
      network: { type: "none" },
    });
    await createGuest(admin, "127.0.0.1", hostId, input);
    const dom = await lv.domains.lookupByName(name);
    const live = Domain.parse(await lv.domains.xml(dom));
    expect(live.os.cmdline).toBe(`inst.repo=${treeUrl} ${cmdline}`);
    expect(live.os.kernel).toMatch(new RegExp(`/${name}-install-kernel$`));
    expect(live.onReboot).toBe("destroy");
    const persistent = Domain.parse(await lv.domains.xml(dom, 2 /* VIR_DOMAIN_XML_INACTIVE */));
    expect(persistent.os.kernel).toBeUndefined();
    expect(persistent.devices.disks.items.map((d) => d.sourceVolume ?? d.sourceFile)).toEqual([`${name}.qcow2`]);
    // The installer (here: the test guest) really runs.
    expect(await waitForBoot(lv, dom, 60_000)).toBe(true);
  });

  it("says plainly when the tree is not there, and makes nothing", async () => {
    const missing = `${treeUrl}nope/`;
    const input = newGuestSchema.parse({ name: `${name}-x`, install: { method: "url", url: missing }, os: "generic", memoryMiB: 128, vcpus: 1, storage: { kind: "none" }, network: { type: "none" } });
    await expect(createGuest(admin, "127.0.0.1", hostId, input)).rejects.toThrow(`Failed while fetching the installer: ${missing}.treeinfo answered 404 Not Found`);
    expect((await lv.domains.list()).some((d) => d.name === `${name}-x`)).toBe(false);
  });
});
