// The real console (production build, server.ts) on a free port with its own database, for benchmarks
// that measure what a browser gets. The hosts are rows added before it starts.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../../lib/server/db";
import { newId } from "../../../lib/server/ids";
import { migrate } from "../../../lib/server/migrate";
import { freePort } from "../../../tests/helpers/free-port";

export interface BenchServer {
  base: string;
  /** The admin's session cookie ("name=value"). */
  cookie: string;
  /** Host ids by the names given to startBenchServer. */
  hostIds: Record<string, string>;
  /** Scratch directory removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

const PASSWORD = "bench-admin-password-1";

/** `databaseUrl`: serve an existing (e.g. seeded) database instead of a new one. */
export async function startBenchServer(
  hosts: (dir: string) => Record<string, string>,
  options: { databaseUrl?: string } = {},
): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "vc-bench-"));
  const url = options.databaseUrl ?? `file:${path.join(dir, "console.db")}`;
  await migrate(url);
  const setupDb = createDb(url);
  const hostIds: Record<string, string> = {};
  for (const [name, uri] of Object.entries(hosts(dir))) {
    hostIds[name] = newId();
    await setupDb.host.create({ data: { id: hostIds[name], name, uri } });
  }
  await setupDb.$disconnect();

  const server = spawn("npx", ["--no-install", "tsx", "--tsconfig", "tsconfig.server.json", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dir,
      DATABASE_URL: url,
      ADMIN_PASSWORD: PASSWORD,
      // The benches speak plain HTTP to it on loopback, as a TLS-terminating proxy would.
      TLS: "off",
    },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group: npx, tsx and node all go on stop (SIGTERM to npx alone leaves node running).
    detached: true,
  });
  const stop = async () => {
    const exited = new Promise((r) => server.once("exit", r));
    process.kill(-server.pid!, "SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForServer(base);
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: base },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    return { base, cookie, hostIds, dir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForServer(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/login`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
