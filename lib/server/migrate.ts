import "server-only";
import { readdir, readFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { isPostgresUrl } from "./env";
import { consoleVersion } from "./version";

/**
 * Applies the hand-written SQL migrations in prisma/migrations/<provider>/ in name order, each once,
 * recording them in "_console_migrations". Each migration runs in its own transaction so a failing one
 * leaves the database as it was before it.
 */
export async function migrate(url: string, migrationsRoot = defaultMigrationsRoot(), version = consoleVersion()): Promise<string[]> {
  const provider = isPostgresUrl(url) ? "postgresql" : "sqlite";
  const dir = path.join(migrationsRoot, provider);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const runner = provider === "postgresql" ? await postgresRunner(url) : await sqliteRunner(url);
  try {
    // Several instances may start together: one applies the migrations, the others wait and then find them applied.
    await runner.lock();
    await runner.exec(`CREATE TABLE IF NOT EXISTS "_console_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`);
    // Which console version applied each migration (added in 0.2.0; older rows say "").
    await runner.exec(`ALTER TABLE "_console_migrations" ADD COLUMN "appliedBy" TEXT NOT NULL DEFAULT ''`).catch(() => undefined);
    const done = await runner.applied();
    refuseNewerDatabase(done, new Set(files));
    const applied: string[] = [];
    for (const file of files) {
      if (done.some((d) => d.name === file)) continue;
      const sql = await readFile(path.join(dir, file), "utf8");
      await runner.apply(file, sql, version);
      applied.push(file);
    }
    return applied;
  } finally {
    await runner.close();
  }
}

/**
 * A database that holds migrations this version does not know was written by a newer console: starting on it
 * could misread or damage data, so refuse, saying which version wrote it.
 */
function refuseNewerDatabase(done: AppliedMigration[], known: Set<string>): void {
  const unknown = done.filter((d) => !known.has(d.name));
  if (unknown.length === 0) return;
  const writers = [...new Set(unknown.map((d) => d.appliedBy || "a newer version"))].join(", ");
  throw new NewerDatabaseError(
    `This database was written by virt-console ${writers}, newer than this one (${consoleVersion()}): it holds ` +
      `${unknown.map((d) => d.name).join(", ")}, which this version does not know. Run virt-console ${writers} or later, ` +
      `or restore a backup taken with this version.`,
  );
}

export class NewerDatabaseError extends Error {
  override name = "NewerDatabaseError";
}

type AppliedMigration = { name: string; appliedBy: string };

function defaultMigrationsRoot(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

type Runner = {
  /** Held until close: on PostgreSQL an advisory lock; SQLite's write transactions already serialise. */
  lock(): Promise<void>;
  exec(sql: string): Promise<void>;
  applied(): Promise<AppliedMigration[]>;
  apply(name: string, sql: string, version: string): Promise<void>;
  close(): Promise<void>;
};

async function sqliteRunner(url: string): Promise<Runner> {
  const file = url.replace(/^file:/, "");
  if (file && file !== ":memory:") await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const client = createClient({ url });
  await client.execute("PRAGMA foreign_keys = ON");
  // WAL (stored in the file) lets readers go on while another process or connection writes, so a
  // long write elsewhere does not time out sign-ins.
  if (file && file !== ":memory:") await client.execute("PRAGMA journal_mode = WAL");
  return {
    lock: async () => undefined,
    exec: async (sql) => void (await client.execute(sql)),
    applied: async () =>
      (await client.execute(`SELECT "name", "appliedBy" FROM "_console_migrations"`)).rows.map((r) => ({
        name: String(r.name),
        appliedBy: String(r.appliedBy ?? ""),
      })),
    apply: async (name, sql, version) => {
      const tx = await client.transaction("write");
      try {
        await tx.executeMultiple(sql);
        await tx.execute({
          sql: `INSERT INTO "_console_migrations" ("name", "appliedAt", "appliedBy") VALUES (?, ?, ?)`,
          args: [name, new Date().toISOString(), version],
        });
        await tx.commit();
      } catch (e) {
        await tx.rollback();
        throw new Error(`migration ${name} failed: ${(e as Error).message}`);
      }
    },
    close: async () => client.close(),
  };
}

/** An arbitrary, fixed 64-bit key naming "the console's migrations" among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = "7204385519260111361";

async function postgresRunner(url: string): Promise<Runner> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    // Session-level: released when the connection closes, also if this process dies mid-way.
    lock: async () => void (await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY])),
    exec: async (sql) => void (await client.query(sql)),
    applied: async () =>
      (await client.query(`SELECT "name", "appliedBy" FROM "_console_migrations"`)).rows.map((r) => ({
        name: String(r.name),
        appliedBy: String(r.appliedBy ?? ""),
      })),
    apply: async (name, sql, version) => {
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query(`INSERT INTO "_console_migrations" ("name", "appliedAt", "appliedBy") VALUES ($1, $2, $3)`, [
          name,
          new Date().toISOString(),
          version,
        ]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(e as Error).message}`);
      }
    },
    close: async () => client.end(),
  };
}
