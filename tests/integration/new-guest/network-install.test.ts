// Installing from a network tree on the real libvirtd: a .treeinfo tree (the test guest's kernel and
// initrd as its installer) served over HTTP from this process and over FTP by pyftpdlib, detected
// through osinfo, fetched into volumes through libvirt, booted once with inst.repo on the kernel
// command line; the persistent definition boots the disk. A tree that is not there fails cleanly,
// before anything is made. Loopback is refused until the test allows it as an admin would.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createConnection, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { readInstallTree } from "@/lib/server/new-guest/install-tree";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { freePort } from "../../helpers/free-port";
import { startNfsServer, type NfsServer } from "../../helpers/nfs-server";
import { ensureTestGuestImage, resolveVirtType, uniqueGuestName, waitForBoot, removeGuests } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const TREEINFO =
  "[general]\nfamily = Fedora\nversion = 37\narch = x86_64\nvariant = Server\n\n[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n";
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let server: Server;
let ftpServer: ChildProcess;
let dir: string;
let treeUrl = "";
let ftpTreeUrl = "";
let nfsServer: NfsServer;
let nfsTreeUrl = "";
const name = uniqueGuestName("vc-netinst");

/** Debian's pyftpdlib (python3-pyftpdlib), anonymous and read-only, serving `root` on loopback. */
async function startFtpServer(root: string): Promise<number> {
  const port = await freePort();
  ftpServer = spawn("/usr/bin/python3", ["-m", "pyftpdlib", "-i", "127.0.0.1", "-p", String(port), "-d", root], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const banner = await new Promise<boolean>((resolve) => {
      const probe = createConnection({ host: "127.0.0.1", port }, () => {
        probe.destroy();
        resolve(true);
      }).on("error", () => resolve(false));
    });
    if (banner) return port;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("pyftpdlib did not start");
}

beforeAll(async () => {
  const image = ensureTestGuestImage();
  dir = mkdtempSync(path.join(tmpdir(), "vc-tree-"));
  mkdirSync(path.join(dir, "tree", "images", "pxeboot"), { recursive: true });
  writeFileSync(path.join(dir, "tree", ".treeinfo"), TREEINFO);
  copyFileSync(image.kernel, path.join(dir, "tree", "images", "pxeboot", "vmlinuz"));
  copyFileSync(image.initrd, path.join(dir, "tree", "images", "pxeboot", "initrd.img"));
  server = createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(req.url ?? "/")));
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "Content-Length": body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  treeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tree/`;
  ftpTreeUrl = `ftp://127.0.0.1:${await startFtpServer(dir)}/tree/`;
  nfsServer = await startNfsServer(dir);
  nfsTreeUrl = `nfs://127.0.0.1:${nfsServer.port}${nfsServer.pseudoPath}/tree/`;
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
});

afterAll(async () => {
  await removeGuests(lv, [name, `${name}-ftp`, `${name}-nfs`]);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name.startsWith(`${name}`)) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
  server.close();
  ftpServer.kill();
  await nfsServer.stop();
  rmSync(dir, { recursive: true, force: true });
});

// The console refuses loopback trees until an admin allows the network (lib/server/net/address-rules.ts).
describe("before an admin allows loopback", () => {
  it.each([
    ["HTTP", () => treeUrl],
    ["FTP", () => ftpTreeUrl],
    ["NFS", () => nfsTreeUrl],
  ])("refuses the %s tree, naming the rule", async (_protocol, url) => {
    await expect(readInstallTree(url())).rejects.toThrow(
      /: 127\.0\.0\.1 is a loopback address \(the console's own machine\), so the console does not connect to it\. An administrator can allow this network under Admin → Settings\.$/,
    );
  });

  it("allows it once an admin saves 127.0.0.1/32 under Admin → Settings", async () => {
    await updateSettings(ctxOf(admin), { fetchAllowedNetworks: ["127.0.0.1/32"] });
    await expect(readInstallTree(treeUrl)).resolves.toMatchObject({ kernel: `${treeUrl}images/pxeboot/vmlinuz` });
  });
});

// The installer gets NFS trees the way anaconda writes them (nfs:options:host:/path).
const nfsRepo = () => `nfs:nfsvers=4,port=${nfsServer.port}:127.0.0.1:${nfsServer.pseudoPath}/tree/`;

describe.each([
  ["HTTP", () => treeUrl, () => treeUrl, name, /answered 404 Not Found/],
  [
    "FTP",
    () => ftpTreeUrl,
    () => ftpTreeUrl,
    `${name}-ftp`,
    /^Failed while fetching the installer: Could not fetch ftp:.*\/nope\/\.treeinfo: the FTP server answered 550 /,
  ],
  [
    "NFS",
    () => nfsTreeUrl,
    nfsRepo,
    `${name}-nfs`,
    /^Failed while fetching the installer: Could not fetch nfs:.*\/nope\/\.treeinfo: no such file or directory$/,
  ],
])("network install over %s", (_protocol, url, repo, guest, missingTree) => {
  it("reads the tree: the OS through osinfo, the installer's kernel and initrd", async () => {
    const tree = await readInstallTree(url());
    expect(tree.os?.shortId).toBe("fedora37");
    expect(tree.kernel).toBe(`${url()}images/pxeboot/vmlinuz`);
  });

  it("boots the fetched installer once, with the tree on its command line, and keeps the disk boot for later", async () => {
    const { cmdline } = ensureTestGuestImage();
    const input = newGuestSchema.parse({
      name: guest,
      install: { method: "url", url: url(), kernelArgs: cmdline },
      os: "fedora37",
      // KVM where it boots guests on this machine, emulation where it does not (see resolveVirtType).
      virtType: await resolveVirtType(lv),
      memoryMiB: 192,
      vcpus: 1,
      storage: { kind: "new", pool: "default", capacityBytes: 64 * 1024 * 1024 },
      network: { type: "none" },
    });
    await createGuest(ctxOf(admin), { hostId, ...input });
    const dom = await lv.domains.lookupByName(guest);
    const live = Domain.parse(await lv.domains.xml(dom));
    expect(live.os.cmdline).toBe(`inst.repo=${repo()} ${cmdline}`);
    expect(live.os.kernel).toMatch(new RegExp(`/${guest}-install-kernel$`));
    expect(live.onReboot).toBe("destroy");
    const persistent = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    expect(persistent.os.kernel).toBeUndefined();
    expect(persistent.devices.disks.items.map((d) => d.sourceVolume ?? d.sourceFile)).toEqual([`${guest}.qcow2`]);
    // The installer (here: the test guest) really runs.
    expect(await waitForBoot(lv, dom, 60_000)).toBe(true);
    // QEMU read the kernel and initrd at start: their volumes are gone from the pool, the running installer unharmed.
    const volumes = await lv.storage.listVolumes(await lv.storage.lookupPool("default"));
    expect(volumes.map((v) => v.name).filter((n) => n.startsWith(`${guest}-install-`))).toEqual([]);
  });

  it("says plainly when the tree is not there, and makes nothing", async () => {
    const missing = `${url()}nope/`;
    const input = newGuestSchema.parse({
      name: `${guest}-x`,
      install: { method: "url", url: missing },
      os: "generic",
      memoryMiB: 128,
      vcpus: 1,
      storage: { kind: "none" },
      network: { type: "none" },
    });
    await expect(createGuest(ctxOf(admin), { hostId, ...input })).rejects.toThrow(missingTree);
    expect((await lv.domains.list()).some((d) => d.name === `${guest}-x`)).toBe(false);
  });
});
