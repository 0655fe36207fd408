// Signing in through a real directory: Debian's slapd with a throw-away database (tests/helpers/slapd.ts),
// the console's own verbs on a fresh SQLite database. StartTLS and LDAPS with the CA the admin gives, nested
// groups mapped to roles, grants following a group change, and what a wrong password or a filter trick gets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { login } from "@/lib/server/auth/login";
import { db } from "@/lib/server/db";
import { saveProvider } from "@/lib/server/identity/save-provider";
import { grantRole } from "@/lib/server/users/grant-role";
import type { LdapConfig } from "@/lib/validations/identity";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { LDAP_ADMIN, LDAP_SUFFIX, startSlapd, type TestSlapd } from "../../helpers/slapd";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let slapd: TestSlapd;
let admin: Actor;
let hostId: string;
let providerId: string;
let ip = 0;

/** Each sign-in from its own address, so throttling of one test never meets another. */
const signIn = (username: string, password: string) => login({ username, password, ip: `192.0.2.${++ip}`, userAgent: "test" });

function config(overrides: Partial<LdapConfig> = {}) {
  return {
    url: slapd.url,
    startTls: true,
    caCertificate: slapd.caPem,
    bindDn: LDAP_ADMIN.dn,
    userBase: `ou=people,${LDAP_SUFFIX}`,
    userFilter: "(uid={username})",
    displayNameAttribute: "cn",
    groupBase: `ou=groups,${LDAP_SUFFIX}`,
    groupFilter: "(member={dn})",
    groupNameAttribute: "cn",
    nestedGroups: true,
    mappings: [
      { group: "lab-ops", grant: { role: "operator" as const, scope: "host" as const, hostId } },
      { group: `cn=staff,ou=groups,${LDAP_SUFFIX}`, grant: { role: "viewer" as const, scope: "global" as const } },
    ],
    ...overrides,
  };
}

async function grantsOf(username: string) {
  const user = await db().user.findUniqueOrThrow({ where: { username }, include: { grants: true } });
  return user.grants.map((g) => `${g.role}:${g.scope}${g.hostId ? `:${g.hostId === hostId ? "lab" : g.hostId}` : ""}`).sort();
}

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("ldap-lab", "test:///default");
  slapd = await startSlapd();
  providerId = (
    await saveProvider(ctxOf(admin), { kind: "ldap", name: "Directory", enabled: true, config: config(), secret: LDAP_ADMIN.password })
  ).id;
}, 120_000);

afterAll(async () => {
  await slapd?.stop();
  await tc?.cleanup();
});

describe("LDAP sign-in", () => {
  it("creates the person on first sign-in, over StartTLS, with the roles of their groups, nested ones too", async () => {
    const result = await signIn("alice", "alice-directory-pw");
    expect(result.kind).toBe("session");
    const alice = await db().user.findUniqueOrThrow({ where: { username: "alice" } });
    expect([alice.source, alice.providerId, alice.externalId, alice.displayName, alice.passwordHash]).toEqual([
      "ldap",
      providerId,
      `uid=alice,ou=people,${LDAP_SUFFIX}`,
      "Alice Example",
      "",
    ]);
    // lab-ops directly; staff through lab-ops (nested), named by its DN in the mapping.
    expect(await grantsOf("alice")).toEqual(["operator:host:lab", "viewer:global"]);
    expect(await grantsOf((await signIn("bob", "bob-directory-pw"), "bob"))).toEqual(["viewer:global"]);
    expect(await grantsOf((await signIn("carol", "carol-directory-pw"), "carol"))).toEqual([]);
  });

  it("refuses a wrong password, an empty one and filter tricks, and counts them for throttling", async () => {
    await expect(signIn("alice", "wrong")).rejects.toMatchObject({ status: 401 });
    await expect(signIn("alice", "")).rejects.toMatchObject({ status: 401 });
    await expect(signIn("*", "alice-directory-pw")).rejects.toMatchObject({ status: 401 });
    await expect(signIn("alice)(uid=*", "alice-directory-pw")).rejects.toMatchObject({ status: 401 });
    expect(await db().loginFailure.count({ where: { username: "alice" } })).toBeGreaterThanOrEqual(2);
    expect(await db().user.count({ where: { username: { in: ["*", "alice)(uid=*"] } } })).toBe(0);
  });

  it("follows group changes at the next sign-in: a group removed takes its grant away, a hand-made grant stays", async () => {
    const alice = await db().user.findUniqueOrThrow({ where: { username: "alice" } });
    await grantRole(ctxOf(admin), { userId: alice.id, role: "helpdesk", scope: "host", hostId });
    slapd.modify(`dn: cn=lab-ops,ou=groups,${LDAP_SUFFIX}\nchangetype: modify\nadd: member\nmember: uid=carol,ou=people,${LDAP_SUFFIX}\n`);
    slapd.modify(
      `dn: cn=staff,ou=groups,${LDAP_SUFFIX}\nchangetype: modify\ndelete: member\nmember: cn=lab-ops,ou=groups,${LDAP_SUFFIX}\n`,
    );
    await signIn("alice", "alice-directory-pw");
    // staff no longer holds lab-ops: alice keeps lab-ops' grant, loses staff's; the admin's helpdesk grant stays.
    expect(await grantsOf("alice")).toEqual(["helpdesk:host:lab", "operator:host:lab"]);
    const groupsOf = async (username: string) =>
      JSON.parse((await db().user.findUniqueOrThrow({ where: { username } })).groups) as string[];
    expect(await groupsOf("carol")).not.toContain("lab-ops");
    await signIn("carol", "carol-directory-pw");
    expect(await grantsOf("carol")).toEqual(["operator:host:lab"]);
    // Her groups as the directory reports them now, for group quotas.
    expect(await groupsOf("carol")).toContain("lab-ops");
    const revoked = await tc.auditRows("user.revoke");
    expect(revoked.some((r) => r.target === "user:alice" && JSON.parse(r.details).provider === "Directory")).toBe(true);
  });

  it("uses LDAPS with the admin's CA, and refuses a server it cannot trust", async () => {
    const input = { kind: "ldap" as const, name: "Directory", enabled: true, config: config({ url: slapd.ldapsUrl, startTls: false }) };
    await saveProvider(ctxOf(admin), { ...input, providerId });
    expect((await signIn("bob", "bob-directory-pw")).kind).toBe("session");
    await saveProvider(ctxOf(admin), { ...input, config: config({ url: slapd.ldapsUrl, startTls: false, caCertificate: "" }), providerId });
    await expect(signIn("bob", "bob-directory-pw")).rejects.toMatchObject({ status: 503 });
    await saveProvider(ctxOf(admin), { ...input, config: config(), providerId });
  });

  it("without nested groups, only direct membership counts", async () => {
    slapd.modify(`dn: cn=staff,ou=groups,${LDAP_SUFFIX}\nchangetype: modify\nadd: member\nmember: cn=lab-ops,ou=groups,${LDAP_SUFFIX}\n`);
    await saveProvider(ctxOf(admin), {
      kind: "ldap",
      name: "Directory",
      enabled: true,
      config: config({ nestedGroups: false }),
      providerId,
    });
    await signIn("alice", "alice-directory-pw");
    expect(await grantsOf("alice")).toEqual(["helpdesk:host:lab", "operator:host:lab"]);
    await saveProvider(ctxOf(admin), { kind: "ldap", name: "Directory", enabled: true, config: config(), providerId });
    await signIn("alice", "alice-directory-pw");
    expect(await grantsOf("alice")).toEqual(["helpdesk:host:lab", "operator:host:lab", "viewer:global"]);
  });

  it("a local account of the same name is never checked against the directory", async () => {
    await db().user.create({ data: { id: "local-dave", username: "dave", passwordHash: "not-a-hash" } });
    slapd.modify(
      `dn: uid=dave,ou=people,${LDAP_SUFFIX}\nchangetype: add\nobjectClass: inetOrgPerson\nuid: dave\ncn: Dave\nsn: D\nuserPassword: dave-directory-pw\n`,
    );
    await expect(signIn("dave", "dave-directory-pw")).rejects.toMatchObject({ status: 401 });
  });
});
