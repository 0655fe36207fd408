// Tags on the real libvirtd: written through the metadata call under the console's namespace, read back from
// `virsh dumpxml`, kept when the guest is redefined; and a grant on a tag reaching a guest tagged after it.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { can } from "@/lib/roles";
import { actorFromToken, createSession, type Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newId } from "@/lib/server/ids";
import { readGuestTags } from "@/lib/server/tags/read-guest-tags";
import { setGuestTags } from "@/lib/server/tags/set-guest-tags";
import { CONSOLE_TAGS_NS } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", ...args], { stdio: "pipe" }).toString();

let tc: TestConsole;
let admin: Actor;
let lv: Libvirt;
let dom: DomainRef;
let hostId: string;
let uuid: string;
const name = uniqueGuestName("tags-it");

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  dom = await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv)));
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
});

afterAll(async () => {
  await lv.domains.undefine(dom, 0).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("guest tags in libvirt", () => {
  it("are written under the console's namespace, visible to virsh, and audited", async () => {
    const result = await setGuestTags(ctxOf(admin), { hostId, uuid, tags: ["Web", "branch-berlin", "web"] });
    expect(result.tags).toEqual(["branch-berlin", "web"]);
    const xml = virsh("dumpxml", name);
    expect(xml).toContain(`xmlns:console="${CONSOLE_TAGS_NS}"`);
    expect(xml).toMatch(/<console:tag>branch-berlin<\/console:tag>\s*<console:tag>web<\/console:tag>/);
    expect(virsh("metadata", name, CONSOLE_TAGS_NS)).toContain("<tag>web</tag>");
    const rows = await tc.auditRows("guest.tags");
    expect(rows.at(-1)).toMatchObject({ result: "ok" });
    expect(JSON.parse(rows.at(-1)!.details)).toMatchObject({ before: [], after: ["branch-berlin", "web"] });
  });

  it("survive a redefinition from the saved XML", async () => {
    const saved = await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    dom = await lv.domains.define(saved);
    expect(await readGuestTags({ lv, dom })).toEqual(["branch-berlin", "web"]);
    expect(virsh("dumpxml", "--inactive", name)).toContain("<console:tag>web</console:tag>");
  });

  it("are removed with an empty list, and the element goes", async () => {
    await setGuestTags(ctxOf(admin), { hostId, uuid, tags: [] });
    expect(await readGuestTags({ lv, dom })).toEqual([]);
    expect(virsh("dumpxml", name)).not.toContain(CONSOLE_TAGS_NS);
  });
});

describe("a grant on a tag", () => {
  it("gives a helpdesk user a guest tagged after the grant, and takes it away with the tag", async () => {
    const user = await db().user.create({ data: { id: newId(), username: `tags-desk-${newId().slice(0, 6)}`, passwordHash: "x" } });
    await db().roleGrant.create({ data: { id: newId(), userId: user.id, role: "helpdesk", scope: "tag", tag: "branch-paris" } });
    const { token } = await createSession(user.id, "127.0.0.1", "test");
    const mayConsole = async () => can((await actorFromToken(token))!.grants, "guest.console", { kind: "guest", hostId, guestUuid: uuid });

    expect(await mayConsole()).toBe(false);
    await setGuestTags(ctxOf(admin), { hostId, uuid, tags: ["branch-paris", "web"] });
    expect(await mayConsole()).toBe(true);
    // Helpdesk, not operator: the tag grant gives the guest only what the role gives.
    expect(can((await actorFromToken(token))!.grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid })).toBe(false);
    await setGuestTags(ctxOf(admin), { hostId, uuid, tags: ["web"] });
    expect(await mayConsole()).toBe(false);
  });
});
