// A throw-away OpenLDAP directory for tests: Debian's slapd run by the test itself on loopback ports (plain
// LDAP with StartTLS, and LDAPS), with its own config, database, CA and certificate in a temp directory; the
// machine's own slapd (if any) is never touched. People and groups, with one group nested in another.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export const LDAP_SUFFIX = "dc=example,dc=org";
export const LDAP_ADMIN = { dn: `cn=admin,${LDAP_SUFFIX}`, password: "directory-admin-pw" };

export type TestSlapd = {
  url: string;
  ldapsUrl: string;
  caPem: string;
  /** Runs ldapmodify as the directory's admin with an LDIF change. */
  modify(ldif: string): void;
  stop(): Promise<void>;
};

/** alice is in lab-ops, which is in staff (nested); bob is only in staff; carol is in no group. */
const entries = `dn: ${LDAP_SUFFIX}
objectClass: dcObject
objectClass: organization
o: Example
dc: example

dn: ou=people,${LDAP_SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${LDAP_SUFFIX}
objectClass: organizationalUnit
ou: groups

${["alice", "bob", "carol"]
  .map(
    (u) => `dn: uid=${u},ou=people,${LDAP_SUFFIX}
objectClass: inetOrgPerson
uid: ${u}
cn: ${u[0].toUpperCase()}${u.slice(1)} Example
sn: Example
userPassword: ${u}-directory-pw
`,
  )
  .join("\n")}
dn: cn=lab-ops,ou=groups,${LDAP_SUFFIX}
objectClass: groupOfNames
cn: lab-ops
member: uid=alice,ou=people,${LDAP_SUFFIX}

dn: cn=staff,ou=groups,${LDAP_SUFFIX}
objectClass: groupOfNames
cn: staff
member: cn=lab-ops,ou=groups,${LDAP_SUFFIX}
member: uid=bob,ou=people,${LDAP_SUFFIX}
`;

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`slapd exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`slapd did not listen on port ${port}`);
}

export async function startSlapd(): Promise<TestSlapd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vc-slapd-"));
  const run = (cmd: string, args: string[], input?: string) => {
    try {
      return execFileSync(cmd, args, { cwd: dir, input, stdio: ["pipe", "pipe", "pipe"] });
    } catch (error) {
      throw new Error(`${cmd} failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
  };
  // A CA and a certificate for 127.0.0.1 signed by it.
  run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=Test LDAP CA",
  ]);
  run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]);
  writeFileSync(path.join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
  run("openssl", [
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "san.ext",
  ]);
  mkdirSync(path.join(dir, "db"));
  const conf = path.join(dir, "slapd.conf");
  writeFileSync(
    conf,
    [
      ...["core", "cosine", "inetorgperson", "nis"].map((s) => `include /etc/ldap/schema/${s}.schema`),
      `pidfile ${dir}/slapd.pid`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      `TLSCACertificateFile ${dir}/ca.pem`,
      `TLSCertificateFile ${dir}/server.pem`,
      `TLSCertificateKeyFile ${dir}/server.key`,
      "database mdb",
      `suffix "${LDAP_SUFFIX}"`,
      `rootdn "${LDAP_ADMIN.dn}"`,
      `rootpw ${LDAP_ADMIN.password}`,
      `directory ${dir}/db`,
      "access to attrs=userPassword by self read by anonymous auth by * none",
      "access to * by * read",
      "",
    ].join("\n"),
  );
  writeFileSync(path.join(dir, "entries.ldif"), entries);
  run("slapadd", ["-f", conf, "-l", path.join(dir, "entries.ldif")]);
  const [port, ldapsPort] = [await freePort(), await freePort()];
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  // -d 0: stay in the foreground, so stop() ends exactly this process.
  const child = spawn("slapd", ["-d", "0", "-f", conf, "-h", `${url}/ ${ldapsUrl}/`], { stdio: "ignore" });
  await waitForPort(port, child);
  await waitForPort(ldapsPort, child);
  return {
    url,
    ldapsUrl,
    caPem: readFileSync(path.join(dir, "ca.pem"), "utf8"),
    modify: (ldif) => void run("ldapmodify", ["-x", "-H", url, "-D", LDAP_ADMIN.dn, "-w", LDAP_ADMIN.password], ldif),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
