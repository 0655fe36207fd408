// Unattended installs on the real libvirtd. A tree install (the test guest's kernel and initrd as the
// installer, over HTTP from this process, as in the network-install test) boots an initrd whose appended
// archive holds the rendered kickstart, with the script's kernel arguments naming it; an ISO
// install gets an extra CD-ROM whose ISO, labelled OEMDRV, holds the script. Answers the script cannot
// take are refused at their fields with nothing made.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { uuidToString } from "@/lib/libvirt/api/domains";
import { UNATTENDED_ALIAS } from "@/lib/new-guest/unattended";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { startCustomizing } from "@/lib/server/new-guest/customize";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { removeUnattendedMedia } from "@/lib/server/unattended/remove-media";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { buildInstallerIso } from "../../helpers/installer-iso";
import { uploadToDefaultPool } from "../../helpers/iso-volume";
import { ensureTestGuestImage, removeGuests, resolveVirtType, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { runInGuest } from "../../helpers/guest-shell";
import { ctxOf } from "../../helpers/verb-context";

const TREEINFO =
  "[general]\nfamily = Fedora\nversion = 37\narch = x86_64\nvariant = Server\n\n[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n";
const answers = { adminPassword: "Root-Pa55!", userLogin: "alice", userPassword: "Alice-Pa55!", timezone: "Europe/Berlin" };
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let server: Server;
let dir: string;
let treeUrl = "";
const name = uniqueGuestName("vc-unattended");
const isoVolume = `${name}-installer.iso`;

async function volumeBytes(volume: string): Promise<Buffer> {
  const vol = await lv.storage.lookupVolume(await lv.storage.lookupPool("default"), volume);
  const chunks: Buffer[] = [];
  for await (const chunk of await lv.storage.downloadStream(vol)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function volumesOf(prefix: string): Promise<string[]> {
  return (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name).filter((n) => n.startsWith(prefix));
}

const input = async (guest: string, install: Record<string, unknown>) =>
  newGuestSchema.parse({
    name: guest,
    install,
    os: "fedora37",
    virtType: await resolveVirtType(lv),
    memoryMiB: 192,
    vcpus: 1,
    storage: { kind: "new", pool: "default", capacityBytes: 64 * 1024 * 1024 },
    network: { type: "none" },
  });

beforeAll(async () => {
  const image = ensureTestGuestImage();
  dir = mkdtempSync(path.join(tmpdir(), "vc-unattended-"));
  mkdirSync(path.join(dir, "tree", "images", "pxeboot"), { recursive: true });
  writeFileSync(path.join(dir, "tree", ".treeinfo"), TREEINFO);
  copyFileSync(image.kernel, path.join(dir, "tree", "images", "pxeboot", "vmlinuz"));
  copyFileSync(image.initrd, path.join(dir, "tree", "images", "pxeboot", "initrd.img"));
  server = createServer((req, res) => {
    try {
      const body = readFileSync(path.join(dir, path.normalize(decodeURIComponent(req.url ?? "/"))));
      res.writeHead(200, { "Content-Length": body.length }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  treeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tree/`;
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  await updateSettings(ctxOf(admin), { fetchAllowedNetworks: ["127.0.0.1/32"] });
  await uploadToDefaultPool(lv, isoVolume, buildInstallerIso());
});

afterAll(async () => {
  await removeGuests(lv, [`${name}-tree`, `${name}-iso`, `${name}-bad`]);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name.startsWith(name)) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("unattended tree install", () => {
  it("appends the kickstart to the installer's initrd and names it on the kernel command line", async () => {
    const guest = `${name}-tree`;
    const { cmdline } = ensureTestGuestImage();
    await createGuest(ctxOf(admin), {
      hostId,
      ...(await input(guest, { method: "url", url: treeUrl, kernelArgs: cmdline, unattended: answers })),
    });
    const dom = await lv.domains.lookupByName(guest);
    const live = Domain.parse(await lv.domains.xml(dom));
    // The script's own arguments (inst.ks=file:/fedora.ks, its inst.repo=) replace the console's inst.repo=.
    expect(live.os.cmdline).toBe(`inst.ks=file:/fedora.ks inst.repo=${treeUrl} ${cmdline}`);

    // The kernel unpacked the appended archive over the initrd: the installer (the test guest, whose root is that
    // initrd) starts and finds the kickstart at its root, readable by root alone.
    expect(await waitForBoot(lv, dom, 60_000)).toBe(true);
    const ks = (await runInGuest(lv, dom, "cat /fedora.ks")).replace(/\r/g, "");
    expect(ks).toMatch(/^rootpw 'Root-Pa55!'$/m);
    expect(ks).toMatch(/^timezone --utc Europe\/Berlin$/m);
    expect(ks).toContain(`url  --url=${treeUrl}`);
    expect((await runInGuest(lv, dom, "ls -l /fedora.ks")).trim()).toMatch(/^-rw------- /);
    // Read by QEMU when the guest started, the installer's files (and the script's passwords) are gone from the pool.
    expect(await volumesOf(`${guest}-install-`)).toEqual([]);
  });
});

describe("unattended ISO install", () => {
  it("attaches an extra CD-ROM labelled OEMDRV that holds the kickstart", async () => {
    const guest = `${name}-iso`;
    await createGuest(ctxOf(admin), {
      hostId,
      ...(await input(guest, { method: "iso", pool: "default", volume: isoVolume, unattended: answers })),
    });
    const dom = await lv.domains.lookupByName(guest);
    const saved = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    const medium = saved.devices.disks.items.find((d) => d.alias === UNATTENDED_ALIAS);
    expect(medium).toMatchObject({ device: "cdrom", sourcePool: "default", sourceVolume: `${guest}-unattended.iso`, readonly: true });

    const tmp = mkdtempSync(path.join(tmpdir(), "vc-oemdrv-"));
    try {
      const iso = path.join(tmp, "medium.iso");
      writeFileSync(iso, await volumeBytes(`${guest}-unattended.iso`));
      const info = execFileSync("xorriso", ["-indev", iso, "-pvd_info"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(info).toMatch(/Volume Id\s*:\s*OEMDRV/);
      for (const file of ["fedora.ks", "ks.cfg"]) {
        execFileSync("xorriso", ["-osirrox", "on", "-indev", iso, "-extract", `/${file}`, path.join(tmp, file)], { stdio: "ignore" });
        const ks = readFileSync(path.join(tmp, file), "utf8");
        expect(ks).toMatch(/^cdrom$/m); // installs from the ISO, not from a tree
        expect(ks).toMatch(/^rootpw 'Root-Pa55!'$/m);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("removes the script medium on request: out of the definition, its volume deleted", async () => {
    const guest = `${name}-iso`;
    const dom = await lv.domains.lookupByName(guest);
    await expect(removeUnattendedMedia(ctxOf(admin), { hostId, uuid: uuidToString(dom.uuid) })).resolves.toEqual({
      volume: `${guest}-unattended.iso`,
    });
    const saved = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    expect(saved.devices.disks.items.some((d) => d.alias === UNATTENDED_ALIAS)).toBe(false);
    expect(await volumesOf(`${guest}-unattended`)).toEqual([]);
    await expect(removeUnattendedMedia(ctxOf(admin), { hostId, uuid: uuidToString(dom.uuid) })).rejects.toThrow(
      /no unattended-install medium/,
    );
  });
});

describe("answers the script cannot take", () => {
  it("refuses a missing admin password at its field and makes nothing", async () => {
    const guest = `${name}-bad`;
    const err = await createGuest(ctxOf(admin), {
      hostId,
      ...(await input(guest, { method: "iso", pool: "default", volume: isoVolume, unattended: { ...answers, adminPassword: "" } })),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, fields: { "install.unattended.adminPassword": "This OS's install script needs it" } });
    expect((await lv.domains.list()).some((d) => d.name === guest)).toBe(false);
    expect(await volumesOf(guest)).toEqual([]);
  });

  it("refuses customizing an unattended install: the draft would keep its passwords", async () => {
    const err = await startCustomizing(ctxOf(admin), {
      hostId,
      ...(await input(`${name}-bad`, { method: "iso", pool: "default", volume: isoVolume, unattended: answers })),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, fields: { "install.unattended": expect.stringMatching(/cannot be customized first/) } });
  });
});
