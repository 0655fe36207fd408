// Backup → wipe → restore of the console's own state: the restored console signs in the same people and reaches the
// same hosts through their stored credentials (checked by a fresh process, as a restarted console would).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/auth/password";
import { backupConsole } from "@/lib/server/backup/backup";
import { restoreConsole } from "@/lib/server/backup/restore";
import { db } from "@/lib/server/db";
import { addHost } from "@/lib/server/hosts/add-host";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { testConnection } from "@/lib/server/hosts/test-connection";
import { newId } from "@/lib/server/ids";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";
import { startSshd, type TestSshd } from "../../helpers/sshd";
import pg from "pg";
import { migrate } from "@/lib/server/migrate";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let sshd: TestSshd;

beforeAll(async () => {
  tc = await startTestConsole();
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
  await tc?.cleanup();
});

function checkRestored(username: string, password: string, hostName: string) {
  const out = execFileSync(
    "npx",
    [
      "--no-install",
      "tsx",
      "--tsconfig",
      "tsconfig.server.json",
      "tests/integration/server/support/restored-console-check.ts",
      username,
      password,
      hostName,
    ],
    { env: { ...process.env }, encoding: "utf8", timeout: 120_000 },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as { signedIn?: boolean; hostReached?: boolean; error?: string };
}

describe("backup and restore of the console's own state", () => {
  it("round-trips people, hosts and their sealed credentials through an archive only the console's user can read", async () => {
    const admin = await tc.actor();
    const password = "restore-me-please-1";
    await db().user.create({
      data: { id: newId(), username: "keeper", displayName: "Keeper", passwordHash: await hashPassword(password) },
    });
    const form = {
      kind: "ssh" as const,
      name: "remote-kept",
      user: sshd.user,
      address: sshd.host,
      port: sshd.port,
      auth: "key" as const,
      privateKey: sshd.clientKey.toString("utf8"),
    };
    const probe = await testConnection(ctxOf(admin), { form });
    await addHost(ctxOf(admin), { ...form, hostKeyFingerprint: (probe as { fingerprint: string }).fingerprint });
    await hostPool().closeAll();
    await db().$disconnect();

    const dataDir = process.env.DATA_DIR!;
    const archive = path.join(path.dirname(dataDir), `backup-${Date.now()}.tar.gz`);
    const manifest = await backupConsole(archive);
    expect(manifest.database).toBe("sqlite");
    expect(manifest.files).toEqual(expect.arrayContaining(["secret.key", "credentials"]));
    expect((statSync(archive).mode & 0o777).toString(8)).toBe("600");
    const listing = execFileSync("tar", ["-tzf", archive], { encoding: "utf8" });
    expect(listing).toMatch(/console\.db/);
    expect(listing).toMatch(/data\/secret\.key/);

    // Wipe: the data directory is gone (kept aside to compare the key).
    const aside = `${dataDir}.wiped`;
    renameSync(dataDir, aside);
    expect(existsSync(dataDir)).toBe(false);
    await restoreConsole(archive);
    expect(readFileSync(path.join(dataDir, "secret.key"), "utf8")).toBe(readFileSync(path.join(aside, "secret.key"), "utf8"));
    expect(checkRestored("keeper", password, "remote-kept")).toEqual({ signedIn: true, hostReached: true });

    // Restoring again over a console that is there is refused, and nothing is touched.
    await expect(restoreConsole(archive)).rejects.toThrow(/not empty/);
    rmSync(aside, { recursive: true, force: true });
    rmSync(archive, { force: true });
  });

  it("does the same for PostgreSQL with pg_dump, through the npm commands", async () => {
    const bin = postgresBinDir();
    if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
    const server = await startPostgres(bin);
    const work = mkdtempSync(path.join(tmpdir(), "vc-pg-backup-"));
    try {
      const restoredUrl = server.url.replace(/\/postgres$/, "/restored");
      const admin = new pg.Client({ connectionString: server.url });
      admin.on("error", () => undefined); // the server stopping at the end ends this client too
      await admin.connect();
      await admin.query("CREATE DATABASE restored");
      await migrate(server.url);
      await admin.query(
        `INSERT INTO "User" ("id", "username", "displayName", "passwordHash", "updatedAt") VALUES ('u1', 'pg-keeper', 'PG', 'x', now())`,
      );
      await admin.end();
      const npm = (script: string, env: Record<string, string>) =>
        execFileSync("npm", ["run", "--silent", script, "--", path.join(work, "pg.tar.gz")], {
          env: { ...process.env, ...env },
          encoding: "utf8",
          timeout: 120_000,
        });
      expect(npm("backup", { DATABASE_URL: server.url, DATA_DIR: path.join(work, "data-a") })).toMatch(/postgresql/);
      expect(npm("restore", { DATABASE_URL: restoredUrl, DATA_DIR: path.join(work, "data-b") })).toMatch(/restore: done/);
      const check = new pg.Client({ connectionString: restoredUrl });
      await check.connect();
      const { rows } = await check.query(`SELECT "username" FROM "User"`);
      await check.end();
      expect(rows.map((r) => r.username)).toEqual(["pg-keeper"]);
      // A second restore into the same database is refused.
      expect(() => npm("restore", { DATABASE_URL: restoredUrl, DATA_DIR: path.join(work, "data-c") })).toThrow(/not empty/);
    } finally {
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
