import "server-only";
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { env, isPostgresUrl } from "../env";
import { secretKeyFile } from "../hosts/secret-key";
import { consoleVersion } from "../version";

const run = promisify(execFile);

/** What a backup archive holds, described in its manifest.json. */
export type BackupManifest = {
  format: 1;
  version: string;
  createdAt: string;
  database: "sqlite" | "postgresql";
  /** Files of the data directory beside the database (the credential key, sealed host credentials, pictures). */
  files: string[];
};

const DATABASE_FILES = /^console\.db(-wal|-shm|-journal)?$/;

/**
 * One consistent backup of the console's own state into a .tar.gz: the database (SQLite's `VACUUM INTO`, a
 * consistent copy taken while the console runs; `pg_dump` for PostgreSQL) together with the key that opens host
 * credentials and the data directory's other files. The archive holds secrets: it is written mode 0600.
 */
export async function backupConsole(archive: string): Promise<BackupManifest> {
  const config = env();
  const work = await mkdtemp(path.join(tmpdir(), "vc-backup-"));
  try {
    const database = isPostgresUrl(config.DATABASE_URL) ? "postgresql" : "sqlite";
    if (database === "sqlite") {
      const client = createClient({ url: config.DATABASE_URL });
      try {
        await client.execute({ sql: "VACUUM INTO ?", args: [path.join(work, "console.db")] });
      } finally {
        client.close();
      }
    } else {
      await run("pg_dump", ["--format=custom", "--no-owner", "--file", path.join(work, "console.pgdump"), config.DATABASE_URL]);
    }
    const files: string[] = [];
    const dataOut = path.join(work, "data");
    for (const name of await readdir(config.DATA_DIR).catch(() => [] as string[])) {
      if (DATABASE_FILES.test(name)) continue;
      await cp(path.join(config.DATA_DIR, name), path.join(dataOut, name), { recursive: true });
      files.push(name);
    }
    // A key kept outside the data directory (SECRET_KEY_FILE) still belongs in the backup.
    const keyFile = secretKeyFile();
    if (!keyFile.startsWith(config.DATA_DIR + path.sep) && (await stat(keyFile).catch(() => null))) {
      await cp(keyFile, path.join(work, "secret.key"));
      files.push("(SECRET_KEY_FILE)");
    }
    const manifest: BackupManifest = { format: 1, version: consoleVersion(), createdAt: new Date().toISOString(), database, files };
    await writeFile(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    await run("tar", ["-czf", path.resolve(archive), "-C", work, "."], { env: { ...process.env } });
    await run("chmod", ["0600", path.resolve(archive)]);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
