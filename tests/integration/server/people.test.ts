// Least privilege and the user lifecycle through the server verbs, against the real libvirtd (test-driver
// hosts) and a fresh SQLite database: who sees which hosts, and what deleting an account takes with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grant } from "@/lib/roles";
import { actorFromToken, createSession, type Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { listGuests, listHostSummaries, unreachableForGuestsOnly } from "@/lib/server/guests/list-guests";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newId } from "@/lib/server/ids";
import { readFleet } from "@/lib/server/metrics/fleet";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { grantRole } from "@/lib/server/users/grant-role";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { privateTestDriverUri, removeTestDriverFiles } from "../../helpers/test-driver";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let aId: string;
let bId: string;
let downId: string;
let a0: string;

const guestGrant = (role: Grant["role"], hostId: string, guestUuid: string): Grant => ({ role, scope: "guest", hostId, guestUuid });

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  aId = await tc.addHost("people-a", privateTestDriverUri(2, "lpa"));
  bId = await tc.addHost("people-b", privateTestDriverUri(1, "lpb"));
  downId = await tc.addHost("people-down", "qemu+tcp://127.0.0.1:1/system");
  a0 = (await listGuests(admin, aId)).guests.find((g) => g.name === "lpa-0000")!.uuid;
});

afterAll(async () => {
  await hostPool().closeAll();
  await tc.cleanup();
  removeTestDriverFiles();
});

describe("who sees which hosts", () => {
  it("helpdesk staff granted one guest see it, with its host as a name label and nothing else of hosts", async () => {
    const helpdesk = await tc.actor([guestGrant("helpdesk", aId, a0)]);
    expect(await listHostSummaries(helpdesk)).toEqual([]);
    const list = await listGuests(helpdesk);
    expect(list.guests.map((g) => g.name)).toEqual(["lpa-0000"]);
    expect(list.hosts).toEqual([{ id: aId, name: "people-a", status: expect.objectContaining({ state: "connected" }) }]);
    // A host filter naming a host they have no guest on gives nothing.
    expect((await listGuests(helpdesk, bId)).guests).toEqual([]);
  });

  it("an unreachable host says why only to those who may see it", async () => {
    const fakeUuid = "00000000-0000-4000-8000-00000000d0d0";
    const helpdesk = await tc.actor([guestGrant("helpdesk", downId, fakeUuid)]);
    const theirs = await listGuests(helpdesk);
    expect(theirs.errors).toEqual([{ hostId: downId, message: unreachableForGuestsOnly }]);
    const status = theirs.hosts.find((h) => h.id === downId)?.status;
    expect(status?.state === "retrying" && status.message).toBe(unreachableForGuestsOnly);
    const admins = await listGuests(admin, downId);
    expect(admins.errors[0].message).toMatch(/ECONNREFUSED/);
  });

  it("a viewer granted one host sees that host alone; a viewer granted one guest sees no host cards", async () => {
    const hostViewer = await tc.actor([{ role: "viewer", scope: "host", hostId: bId, guestUuid: null }]);
    expect((await listHostSummaries(hostViewer)).map((h) => [h.name, h.uri.startsWith("test://")])).toEqual([["people-b", true]]);
    expect((await listGuests(hostViewer)).guests.map((g) => g.name)).toEqual(["lpb-0000"]);

    const guestViewer = await tc.actor([guestGrant("viewer", aId, a0)]);
    expect(await listHostSummaries(guestViewer)).toEqual([]);
    const fleet = await readFleet(guestViewer);
    expect(fleet.hosts).toEqual([]);
    expect(fleet.guestsByState).toEqual({ running: 1 });
    const adminFleet = await readFleet(admin);
    expect(adminFleet.hosts.map((h) => h.name).sort()).toEqual(["people-a", "people-b", "people-down"]);
  });
});

describe("deleting a user", () => {
  it("removes the account, its sessions and roles at once; the audit log keeps the name", async () => {
    const { id } = await createUser(ctxOf(admin), { username: "leaving-soon", displayName: "Лена Уход", password: "a-long-password-1" });
    await grantRole(ctxOf(admin), { userId: id, role: "helpdesk", scope: "guest", hostId: aId, guestUuid: a0 });
    const { token } = await createSession(id, "127.0.0.1", "test");
    expect((await actorFromToken(token))?.username).toBe("leaving-soon");

    expect(await deleteUser(ctxOf(admin), { userId: id })).toEqual({ ok: true, username: "leaving-soon" });
    expect(await actorFromToken(token)).toBeNull();
    expect(await db().user.findUnique({ where: { id } })).toBeNull();
    expect(await db().session.count({ where: { userId: id } })).toBe(0);
    expect(await db().roleGrant.count({ where: { userId: id } })).toBe(0);
    const rows = await tc.auditRows("user.delete");
    expect(rows.map((r) => r.target)).toEqual(["user:leaving-soon"]);
    expect(JSON.parse(rows[0].details)).toMatchObject({ displayName: "Лена Уход", grants: [{ role: "helpdesk", scope: "guest" }] });
    expect((await tc.auditRows("user.create")).map((r) => r.target)).toContain("user:leaving-soon");
  });

  it("refuses your own account, the last administrator and unknown ids", async () => {
    await expect(deleteUser(ctxOf(admin), { userId: admin.id })).rejects.toThrow("You cannot delete your own account");
    // The only account holding admin everywhere in the database (the acting one's grants live in its session only).
    const { id } = await createUser(ctxOf(admin), {
      username: "only-admin",
      displayName: "",
      password: "a-long-password-1",
      role: "admin",
    });
    await expect(deleteUser(ctxOf(admin), { userId: id })).rejects.toThrow("only-admin is the only administrator");
    expect(await db().user.findUnique({ where: { id } })).not.toBeNull();
    await expect(deleteUser(ctxOf(admin), { userId: newId() })).rejects.toThrow("User not found");
  });
});
