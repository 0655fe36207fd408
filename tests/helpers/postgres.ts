import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

/** Finds Debian's PostgreSQL server binaries, or null when the package is not installed. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = execFileSync("ls", [root]).toString().trim().split("\n").filter(Boolean).sort();
  const dir = versions.length ? path.join(root, versions[versions.length - 1], "bin") : null;
  return dir && existsSync(path.join(dir, "initdb")) ? dir : null;
}

/** A throwaway PostgreSQL cluster on a loopback port, run as the `postgres` user (it refuses to run as root). */
export async function startPostgres(binDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "vc-pg-"));
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
  chownSync(dir, uid, gid);
  // Spawned with the postgres uid directly (not through runuser) so that signals reach the server itself.
  execFileSync(path.join(binDir, "initdb"), ["-D", path.join(dir, "data"), "-A", "trust", "-U", "postgres"], {
    stdio: "pipe",
    uid,
    gid,
    cwd: dir,
  });
  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(binDir, "postgres"),
    ["-D", path.join(dir, "data"), "-k", dir, "-p", String(port), "-c", "listen_addresses=127.0.0.1"],
    { stdio: "ignore", uid, gid, cwd: dir },
  );
  // pg_isready answers 0 once the server accepts connections.
  let ready = false;
  for (let i = 0; i < 100 && !ready; i++) {
    try {
      execFileSync(path.join(binDir, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port)], { stdio: "ignore", timeout: 2000 });
      ready = true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!ready) {
    server.kill("SIGKILL");
    throw new Error("PostgreSQL did not start within 10 s");
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      // SIGINT is PostgreSQL's "fast shutdown".
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGINT");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
