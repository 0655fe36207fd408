import "server-only";
import { readdir, readFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { isPostgresUrl } from "./env";

/**
 * Applies the hand-written SQL migrations in prisma/migrations/<provider>/ in name order, each once,
 * recording them in "_console_migrations". Each migration runs in its own transaction so a failing one
 * leaves the database as it was before it.
 */
export async function migrate(url: string, migrationsRoot = defaultMigrationsRoot()): Promise<string[]> {
  const provider = isPostgresUrl(url) ? "postgresql" : "sqlite";
  const dir = path.join(migrationsRoot, provider);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const runner = provider === "postgresql" ? await postgresRunner(url) : await sqliteRunner(url);
  try {
    // Several instances may start together: one applies the migrations, the others wait and then find them applied.
    await runner.lock();
    await runner.exec(`CREATE TABLE IF NOT EXISTS "_console_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`);
    const done = new Set(await runner.applied());
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(path.join(dir, file), "utf8");
      await runner.apply(file, sql);
      applied.push(file);
    }
    return applied;
  } finally {
    await runner.close();
  }
}

function defaultMigrationsRoot(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

type Runner = {
  /** Held until close: on PostgreSQL an advisory lock; SQLite's write transactions already serialise. */
  lock(): Promise<void>;
  exec(sql: string): Promise<void>;
  applied(): Promise<string[]>;
  apply(name: string, sql: string): Promise<void>;
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
    applied: async () => (await client.execute(`SELECT "name" FROM "_console_migrations"`)).rows.map((r) => String(r.name)),
    apply: async (name, sql) => {
      const tx = await client.transaction("write");
      try {
        await tx.executeMultiple(sql);
        await tx.execute({ sql: `INSERT INTO "_console_migrations" VALUES (?, ?)`, args: [name, new Date().toISOString()] });
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
    applied: async () => (await client.query(`SELECT "name" FROM "_console_migrations"`)).rows.map((r) => String(r.name)),
    apply: async (name, sql) => {
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query(`INSERT INTO "_console_migrations" VALUES ($1, $2)`, [name, new Date().toISOString()]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(e as Error).message}`);
      }
    },
    close: async () => client.end(),
  };
}
