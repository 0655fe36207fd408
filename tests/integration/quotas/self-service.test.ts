// The self-service portal's people through the real route guard and handlers, on the real libvirtd: a power user
// makes guests from a template within their quota and reaches only those; a creation past the quota is refused
// (also two at once, also through an API token, also a group's quota) and leaves nothing; every other way of making
// or growing a guest is closed to them. A "user" sees only the guests assigned to them, runs them, and reverts to or
// deletes only the snapshots they took. Taking the power-user role away takes their guests with it.
import { execFileSync } from "node:child_process";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as newGuestRoute from "@/app/api/hosts/[id]/guests/[uuid]/template/new-guest/route";
import * as wizardRoute from "@/app/api/hosts/[id]/guests/route";
import * as cloneRoute from "@/app/api/hosts/[id]/guests/[uuid]/clone/route";
import * as memoryRoute from "@/app/api/hosts/[id]/guests/[uuid]/hardware/memory/route";
import * as hardwareRoute from "@/app/api/hosts/[id]/guests/[uuid]/hardware/route";
import * as resizeRoute from "@/app/api/hosts/[id]/guests/[uuid]/hardware/devices/[key]/resize/route";
import * as guestRoute from "@/app/api/hosts/[id]/guests/[uuid]/route";
import * as powerRoute from "@/app/api/hosts/[id]/guests/[uuid]/power/route";
import * as snapshotsRoute from "@/app/api/hosts/[id]/guests/[uuid]/snapshots/route";
import * as snapshotRoute from "@/app/api/hosts/[id]/guests/[uuid]/snapshots/[name]/route";
import * as revertRoute from "@/app/api/hosts/[id]/guests/[uuid]/snapshots/[name]/revert/route";
import * as guestsRoute from "@/app/api/guests/route";
import * as portalRoute from "@/app/api/portal/route";
import * as quotasRoute from "@/app/api/admin/quotas/route";
import { Libvirt } from "@/lib/libvirt";
import type { JobView } from "@/lib/jobs/types";
import type { GuestListResponse } from "@/lib/guests/types";
import type { HardwareResponse } from "@/lib/guests/hardware/types";
import type { PortalView } from "@/lib/quotas/portal";
import { createSession, SESSION_COOKIE } from "@/lib/server/auth/session";
import { createToken } from "@/lib/server/tokens/create-token";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newId } from "@/lib/server/ids";
import { setTemplate } from "@/lib/server/templates/set-template";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { jobFinished } from "../../helpers/jobs";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Answer = { status: number; body: Record<string, unknown> };

let tc: TestConsole;
let lv: Libvirt;
let hostId: string;
let adminCookie: string;
let templateUuid: string;
let assignedUuid: string;
const people: Record<"power" | "other" | "member" | "user", { id: string; cookie: string }> = {} as never;
const template = uniqueGuestName("quota-tpl");
const assigned = uniqueGuestName("quota-assigned");
const made = (n: string) => `${template}-${n}`;
const madeNames = ["a", "b", "c", "d", "e", "f", "g"].map(made);
const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", ...args], { encoding: "utf8" });
const poolVolumes = async () => (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name);
const uuidOf = async (guest: string) => (await lv.domains.list()).find((d) => d.name === guest)?.uuid;

async function call(
  handler: Handler,
  method: string,
  path: string,
  params: Record<string, string>,
  auth: string,
  body?: unknown,
): Promise<Answer> {
  const credential: Record<string, string> = auth.startsWith("Bearer ") ? { authorization: auth } : { cookie: auth };
  const req = new NextRequest(`http://console.test${path}`, {
    method,
    headers: { host: "console.test", origin: "http://console.test", "content-type": "application/json", ...credential },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const guestPath = (uuid: string) => `/api/hosts/${hostId}/guests/${uuid}`;
const fromTemplate = (auth: string, name: string, extra: Record<string, unknown> = {}) =>
  call(newGuestRoute.POST as Handler, "POST", `${guestPath(templateUuid)}/template/new-guest`, { id: hostId, uuid: templateUuid }, auth, {
    name,
    mode: "linked",
    start: false,
    ...extra,
  });
const finished = async (answer: Answer, ownerId: string) => jobFinished(answer.body as unknown as JobView, ownerId, { pollMs: 200 });

async function person(
  username: string,
  grants: { role: string; scope: string; hostId?: string; guestUuid?: string }[],
  groups: string[] = [],
) {
  const id = newId();
  await db().user.create({ data: { id, username, passwordHash: "x", groups: JSON.stringify(groups) } });
  for (const g of grants) await db().roleGrant.create({ data: { id: newId(), userId: id, hostId: null, guestUuid: null, ...g } });
  return { id, cookie: `${SESSION_COOKIE}=${(await createSession(id, "127.0.0.1", "vitest")).token}` };
}

beforeAll(async () => {
  tc = await startTestConsole();
  hostId = await tc.addHost("local", "qemu:///system");
  // This instance holds the host as its lease holder would: it hears libvirt's events (a guest deleted with virsh).
  hostPool().own(hostId);
  lv = await Libvirt.open("qemu:///system");
  const admin = await person("quota-admin", [{ role: "admin", scope: "global" }]);
  adminCookie = admin.cookie;
  // The template: a shut-off test guest with a 16 MiB qcow2 disk, 1 vCPU and 128 MiB.
  await lv.storage.createVolume(
    await lv.storage.lookupPool("default"),
    `<volume><name>${template}.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`,
  );
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/${template}.qcow2'/><target dev='vda' bus='virtio'/></disk>`;
  const image = ensureTestGuestImage();
  const type = await resolveVirtType(lv);
  await lv.domains.define(testGuestXml(template, image, 128, type, undefined, { extraDevices: disk }));
  // The assigned guest has a qcow2 disk too, so it can have internal snapshots.
  await lv.storage.createVolume(
    await lv.storage.lookupPool("default"),
    `<volume><name>${assigned}.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`,
  );
  const assignedDisk = disk.replaceAll(template, assigned);
  await lv.domains.define(testGuestXml(assigned, image, 128, type, undefined, { extraDevices: assignedDisk }));
  templateUuid = (await uuidOf(template))!;
  assignedUuid = (await uuidOf(assigned))!;
  await setTemplate(ctxOf(await tc.actor()), { hostId, uuid: templateUuid, template: true });

  people.power = await person("quota-power", [{ role: "power-user", scope: "host", hostId }]);
  people.other = await person("quota-other", [{ role: "power-user", scope: "host", hostId }]);
  people.member = await person("quota-member", [{ role: "power-user", scope: "host", hostId }], ["Developers"]);
  people.user = await person("quota-user", [{ role: "user", scope: "guest", hostId, guestUuid: assignedUuid }]);
  // Quotas set by an admin through the route: the power user may have 2 vCPUs and 300 MiB; the group 1 vCPU in all.
  for (const quota of [
    { kind: "user", subject: "quota-power", vcpus: 2, memoryMiB: 300, diskGiB: 1 },
    { kind: "group", subject: "developers", vcpus: 1, memoryMiB: null, diskGiB: null },
  ])
    expect((await call(quotasRoute.POST as Handler, "POST", "/api/admin/quotas", {}, adminCookie, quota)).status).toBe(200);
});

afterAll(async () => {
  await removeGuests(lv, [...madeNames, template, assigned]);
  for (const vol of [template, assigned, ...madeNames].map((n) => `${n}.qcow2`)) {
    try {
      virsh("vol-delete", "--pool", "default", vol);
    } catch {
      // already gone
    }
  }
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("power users and quotas", () => {
  it("a power user sees the host's templates and their quota in the portal, but not the template or any guest in the list", async () => {
    const portal = (await call(portalRoute.GET as Handler, "GET", "/api/portal", {}, people.power.cookie)).body as unknown as PortalView;
    expect(portal.templates.map((t) => [t.name, t.vcpus, t.memoryMiB])).toEqual([[template, 1, 128]]);
    expect(portal.quotas).toEqual([
      expect.objectContaining({
        kind: "user",
        subject: "quota-power",
        limits: { vcpus: 2, memoryMiB: 300, diskGiB: 1 },
        used: { vcpus: 0, memoryMiB: 0, diskGiB: 0 },
      }),
    ]);
    const list = (await call(guestsRoute.GET as Handler, "GET", "/api/guests", {}, people.power.cookie))
      .body as unknown as GuestListResponse;
    expect(list.guests).toEqual([]);
    expect(
      (await call(guestRoute.GET as Handler, "GET", guestPath(templateUuid), { id: hostId, uuid: templateUuid }, people.power.cookie))
        .status,
    ).toBe(403);
    // Admin → Quotas is for admins.
    expect((await call(quotasRoute.GET as Handler, "GET", "/api/admin/quotas", {}, people.power.cookie)).status).toBe(403);
  });

  it("makes a guest from the template within the quota; it is theirs: listed, run, counted", async () => {
    const answer = await fromTemplate(people.power.cookie, made("a"));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect((await finished(answer, people.power.id)).status).toBe("done");
    const uuid = (await uuidOf(made("a")))!;
    const list = (await call(guestsRoute.GET as Handler, "GET", "/api/guests", {}, people.power.cookie))
      .body as unknown as GuestListResponse;
    expect(list.guests.map((g) => g.name)).toEqual([made("a")]);
    const portal = (await call(portalRoute.GET as Handler, "GET", "/api/portal", {}, people.power.cookie)).body as unknown as PortalView;
    expect(portal.quotas[0].used).toEqual({ vcpus: 1, memoryMiB: 128, diskGiB: 0.02 });
    // Another power user on the same host does not see it.
    const others = (await call(guestsRoute.GET as Handler, "GET", "/api/guests", {}, people.other.cookie))
      .body as unknown as GuestListResponse;
    expect(others.guests).toEqual([]);
    expect((await call(guestRoute.GET as Handler, "GET", guestPath(uuid), { id: hostId, uuid }, people.other.cookie)).status).toBe(403);
  });

  it("refuses a guest past the quota with the limit in words, leaving no guest, volume or row", async () => {
    const before = await poolVolumes();
    const owners = await db().guestOwner.count();
    const answer = await fromTemplate(people.power.cookie, made("b"), { memoryMiB: 256 });
    expect(answer).toEqual({
      status: 409,
      body: { error: "Your quota allows 300 MiB of memory: 128 are in use, and this guest would add 256." },
    });
    expect(await uuidOf(made("b"))).toBeUndefined();
    expect(await poolVolumes()).toEqual(before);
    expect(await db().guestOwner.count()).toBe(owners);
    const [row] = (await tc.auditRows("template.create-guest")).filter((r) => r.result === "error");
    expect(JSON.parse(row.details).error).toMatch(/Your quota allows 300 MiB/);
  });

  it("two creations at once that fit alone but not together: exactly one is made", async () => {
    const answers = await Promise.all([fromTemplate(people.power.cookie, made("c")), fromTemplate(people.power.cookie, made("d"))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const accepted = answers.find((a) => a.status === 200)!;
    expect((await finished(accepted, people.power.id)).status).toBe("done");
    const names = (await lv.domains.list()).map((d) => d.name);
    expect([names.includes(made("c")), names.includes(made("d"))].filter(Boolean)).toHaveLength(1);
  });

  it("an API token of the power user is bound by the same quota", async () => {
    const grants = [{ role: "power-user" as const, scope: "host" as const, hostId, guestUuid: null }];
    const owner = {
      id: people.power.id,
      username: "quota-power",
      displayName: "",
      sessionId: "",
      sessionExpiresAt: new Date(8.64e15),
      grants,
    };
    const { secret } = await createToken(ctxOf(owner), { name: "automation", expiresInDays: 1, grants });
    const answer = await fromTemplate(`Bearer ${secret}`, made("e"));
    expect(answer.status).toBe(409);
    expect(answer.body.error).toBe("Your quota allows 2 vCPUs: 2 are in use, and this guest would add 1.");
  });

  it("a guest deleted outside the console (virsh) stops counting once libvirt says it is gone", async () => {
    const made2 = (await lv.domains.list()).find((d) => d.name === made("c") || d.name === made("d"))!;
    virsh("undefine", made2.name);
    const vcpusUsed = async () =>
      ((await call(portalRoute.GET as Handler, "GET", "/api/portal", {}, people.power.cookie)).body as unknown as PortalView).quotas[0].used
        .vcpus;
    const deadline = Date.now() + 20_000;
    while ((await vcpusUsed()) !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await vcpusUsed()).toBe(1);
    expect(await db().guestOwner.count({ where: { guestUuid: made2.uuid } })).toBe(0);
  });

  it("every other way of making or growing a guest is closed to a power user", async () => {
    const uuid = (await uuidOf(made("a")))!;
    const wizard = await call(wizardRoute.POST as Handler, "POST", `/api/hosts/${hostId}/guests`, { id: hostId }, people.power.cookie, {});
    expect(wizard.status).toBe(403);
    const clone = await call(cloneRoute.POST as Handler, "POST", `${guestPath(uuid)}/clone`, { id: hostId, uuid }, people.power.cookie, {
      name: made("f"),
      disks: [],
    });
    expect(clone.status).toBe(403);
    const memory = await call(
      memoryRoute.PATCH as Handler,
      "PATCH",
      `${guestPath(uuid)}/hardware/memory`,
      { id: hostId, uuid },
      people.power.cookie,
      {
        memoryMiB: 4096,
      },
    );
    expect(memory.status).toBe(403);
    expect(await uuidOf(made("f"))).toBeUndefined();
  });

  it("a group's quota counts every member's guests", async () => {
    // The member's group is "Developers" as their directory reported it; the quota names "developers".
    const first = await fromTemplate(people.member.cookie, made("f"));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect((await finished(first, people.member.id)).status).toBe("done");
    const second = await fromTemplate(people.member.cookie, made("g"));
    expect(second).toEqual({
      status: 409,
      body: { error: "The quota of group developers allows 1 vCPUs: 1 are in use, and this guest would add 1." },
    });
  });

  it("an admin growing a power user's guest is held to the maker's quota; what fits counts, what shrinks is given back", async () => {
    const uuid = (await uuidOf(made("a")))!;
    const params = { id: hostId, uuid };
    const hardware = async () =>
      (await call(hardwareRoute.GET as Handler, "GET", `${guestPath(uuid)}/hardware`, params, adminCookie))
        .body as unknown as HardwareResponse;
    const used = async () =>
      ((await call(portalRoute.GET as Handler, "GET", "/api/portal", {}, people.power.cookie)).body as unknown as PortalView).quotas[0]
        .used;
    const memory = async (mib: number) =>
      call(memoryRoute.PATCH as Handler, "PATCH", `${guestPath(uuid)}/hardware/memory`, params, adminCookie, {
        etag: (await hardware()).etag,
        currentMiB: mib,
        maxMiB: mib,
      });
    expect(await used()).toEqual({ vcpus: 1, memoryMiB: 128, diskGiB: 0.02 });

    // 512 MiB would pass the 300 MiB the maker may have: refused in words, libvirt's definition untouched.
    expect(await memory(512)).toEqual({
      status: 409,
      body: {
        error:
          "This guest counts against the quota of quota-power, which allows 300 MiB of memory: 128 are in use, and this change would add 384.",
      },
    });
    expect(virsh("dumpxml", "--inactive", made("a"))).toContain("<memory unit='KiB'>131072</memory>");
    // 256 fits and counts; back to 128 gives the room back.
    expect((await memory(256)).status).toBe(200);
    expect(await used()).toEqual({ vcpus: 1, memoryMiB: 256, diskGiB: 0.02 });
    expect((await memory(128)).status).toBe(200);
    expect(await used()).toEqual({ vcpus: 1, memoryMiB: 128, diskGiB: 0.02 });

    // A disk grown past the 1 GiB of disk is refused and stays as it was; grown within it, it counts.
    const disk = (await hardware()).devices.find((d) => d.family === "disk")!;
    const resize = async (sizeGiB: number) =>
      call(
        resizeRoute.POST as Handler,
        "POST",
        `${guestPath(uuid)}/hardware/devices/${disk.key}/resize`,
        { ...params, key: disk.key },
        adminCookie,
        {
          etag: (await hardware()).etag,
          sizeGiB,
        },
      );
    const refused = await resize(2);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/^This guest counts against the quota of quota-power, which allows 1 GiB of disk/);
    expect(virsh("vol-info", "--pool", "default", `${made("a")}.qcow2`, "--bytes")).toMatch(/Capacity:\s+16777216 bytes/);
    expect((await resize(0.5)).status).toBe(200);
    expect(await used()).toEqual({ vcpus: 1, memoryMiB: 128, diskGiB: 0.5 });
  });

  it("the role taken away takes their guests with it; deleting their own guest frees its share, disks and all", async () => {
    const uuid = (await uuidOf(made("a")))!;
    const params = { id: hostId, uuid };
    const grants = await db().roleGrant.findMany({ where: { userId: people.power.id } });
    await db().roleGrant.deleteMany({ where: { userId: people.power.id } });
    expect((await call(guestRoute.GET as Handler, "GET", guestPath(uuid), params, people.power.cookie)).status).toBe(403);
    for (const g of grants) await db().roleGrant.create({ data: g });
    expect((await call(guestRoute.GET as Handler, "GET", guestPath(uuid), params, people.power.cookie)).status).toBe(200);

    const deleted = await call(guestRoute.DELETE as Handler, "DELETE", guestPath(uuid), params, people.power.cookie, { removeVolumes: [] });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(await poolVolumes()).not.toContain(`${made("a")}.qcow2`);
    const portal = (await call(portalRoute.GET as Handler, "GET", "/api/portal", {}, people.power.cookie)).body as unknown as PortalView;
    expect(portal.quotas[0].used).toEqual({ vcpus: 0, memoryMiB: 0, diskGiB: 0 });
  });
});

describe("users", () => {
  it("see only the guests assigned to them, start and stop them, and cannot delete them or make guests", async () => {
    const list = (await call(guestsRoute.GET as Handler, "GET", "/api/guests", {}, people.user.cookie))
      .body as unknown as GuestListResponse;
    expect(list.guests.map((g) => g.name)).toEqual([assigned]);
    const params = { id: hostId, uuid: assignedUuid };
    expect(
      (await call(powerRoute.POST as Handler, "POST", `${guestPath(assignedUuid)}/power`, params, people.user.cookie, { action: "start" }))
        .status,
    ).toBe(200);
    expect(
      (
        await call(powerRoute.POST as Handler, "POST", `${guestPath(assignedUuid)}/power`, params, people.user.cookie, {
          action: "forceoff",
        })
      ).status,
    ).toBe(200);
    expect((await call(guestRoute.DELETE as Handler, "DELETE", guestPath(assignedUuid), params, people.user.cookie, {})).status).toBe(403);
    expect((await fromTemplate(people.user.cookie, made("g"))).status).toBe(403);
  });

  it("take snapshots, and revert to and delete only their own", async () => {
    const params = { id: hostId, uuid: assignedUuid };
    const snap = (auth: string, name: string) =>
      call(snapshotsRoute.POST as Handler, "POST", `${guestPath(assignedUuid)}/snapshots`, params, auth, {
        name,
        description: "",
        kind: "internal",
      });
    for (const [auth, id, name] of [
      [adminCookie, null, "admins"],
      [people.user.cookie, people.user.id, "mine"],
    ] as const) {
      const answer = await snap(auth, name);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const job = answer.body as unknown as JobView;
      expect((await jobFinished(job, id ?? (await db().user.findUniqueOrThrow({ where: { username: "quota-admin" } })).id)).status).toBe(
        "done",
      );
    }
    const revertAdmins = await call(
      revertRoute.POST as Handler,
      "POST",
      `${guestPath(assignedUuid)}/snapshots/admins/revert`,
      { ...params, name: "admins" },
      people.user.cookie,
    );
    expect(revertAdmins).toEqual({
      status: 403,
      body: { error: "Snapshot “admins” was taken by someone else: you may revert to and delete only your own snapshots." },
    });
    const deleteAdmins = await call(
      snapshotRoute.DELETE as Handler,
      "DELETE",
      `${guestPath(assignedUuid)}/snapshots/admins`,
      { ...params, name: "admins" },
      people.user.cookie,
      {},
    );
    expect(deleteAdmins.status).toBe(403);
    const revertMine = await call(
      revertRoute.POST as Handler,
      "POST",
      `${guestPath(assignedUuid)}/snapshots/mine/revert`,
      { ...params, name: "mine" },
      people.user.cookie,
    );
    expect(revertMine.status, JSON.stringify(revertMine.body)).toBe(200);
    expect((await jobFinished(revertMine.body as unknown as JobView, people.user.id)).status).toBe("done");
    const deleteMine = await call(
      snapshotRoute.DELETE as Handler,
      "DELETE",
      `${guestPath(assignedUuid)}/snapshots/mine`,
      { ...params, name: "mine" },
      people.user.cookie,
      {},
    );
    expect(deleteMine.status).toBe(200);
    expect((await jobFinished(deleteMine.body as unknown as JobView, people.user.id)).status).toBe("done");
    expect(virsh("snapshot-list", "--name", assigned).split("\n").filter(Boolean)).toEqual(["admins"]);
  });
});
