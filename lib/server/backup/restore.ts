import "server-only";
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { env, isPostgresUrl } from "../env";
import { secretKeyFile } from "../hosts/secret-key";
import { migrate } from "../migrate";
import type { BackupManifest } from "./backup";

const run = promisify(execFile);

export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

/**
 * Restores a backup made by `backupConsole` into an empty data directory (and, for PostgreSQL, an empty
 * database), then applies any migrations this version has beyond the backup's. It never overwrites: a data
 * directory or database that already holds a console is refused.
 */
export async function restoreConsole(archive: string): Promise<BackupManifest> {
  const config = env();
  const work = await mkdtemp(path.join(tmpdir(), "vc-restore-"));
  try {
    await run("tar", ["-xzf", path.resolve(archive), "-C", work]);
    const manifest = JSON.parse(await readFile(path.join(work, "manifest.json"), "utf8")) as BackupManifest;
    if (manifest.format !== 1) throw new RestoreRefused(`This backup's format (${manifest.format}) is not one this version reads`);
    const wanted = isPostgresUrl(config.DATABASE_URL) ? "postgresql" : "sqlite";
    if (manifest.database !== wanted) {
      throw new RestoreRefused(`This backup holds a ${manifest.database} database, but DATABASE_URL names ${wanted}`);
    }
    const present = await readdir(config.DATA_DIR).catch(() => [] as string[]);
    if (present.length > 0) throw new RestoreRefused(`${config.DATA_DIR} is not empty; restore into an empty data directory`);
    await mkdir(config.DATA_DIR, { recursive: true, mode: 0o700 });
    if (manifest.database === "sqlite") {
      const target = config.DATABASE_URL.replace(/^file:/, "");
      if (await stat(target).catch(() => null)) throw new RestoreRefused(`${target} exists; restore into an empty place`);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await cp(path.join(work, "console.db"), target);
    } else {
      await refuseNonEmptyPostgres(config.DATABASE_URL);
      await run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", config.DATABASE_URL, path.join(work, "console.pgdump")]);
    }
    const dataIn = path.join(work, "data");
    for (const name of await readdir(dataIn).catch(() => [] as string[])) {
      await cp(path.join(dataIn, name), path.join(config.DATA_DIR, name), { recursive: true });
    }
    if (manifest.files.includes("(SECRET_KEY_FILE)")) await cp(path.join(work, "secret.key"), secretKeyFile());
    await migrate(config.DATABASE_URL);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function refuseNonEmptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    if (Number(rows[0].n) > 0) throw new RestoreRefused("The PostgreSQL database is not empty; restore into an empty database");
  } finally {
    await client.end();
  }
}
