// Starts the real console server (production build, server.ts) as a separate process for integration tests:
// optionally as the console's own system user, on its own port and data directory, over HTTPS with the
// certificate it makes for itself (trusted by the test through that certificate, never by ignoring errors).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export type ConsoleServer = {
  origin: string;
  dataDir: string;
  process: ChildProcess;
  log: () => string;
  /** The CA to trust: the server's own self-signed certificate. */
  ca: Buffer;
  request(method: string, urlPath: string, o?: { cookie?: string; body?: Buffer | string; json?: unknown }): Promise<Response>;
  signIn(username: string, password: string): Promise<string>;
  stop(): Promise<void>;
};

export type Response = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

export async function startConsoleServer(
  o: {
    user?: string;
    env?: Record<string, string>;
    adminPassword?: string;
    /** Instead of tsx as `user`: a whole command line (a service unit's, run as it says). */
    command?: string[];
    dataDir?: string;
  } = {},
): Promise<ConsoleServer> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npx next build` first (npm test builds before this tier)");
  const dataDir = o.dataDir ?? mkdtempSync(path.join(tmpdir(), "vc-server-"));
  const port = await freePort();
  const adminPassword = o.adminPassword ?? "integration-admin-1";
  const env = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    ADMIN_PASSWORD: adminPassword,
    NEXT_TELEMETRY_DISABLED: "1",
    ...o.env,
  } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL; // its own SQLite file unless the test names a database
  if (o.env?.DATABASE_URL) env.DATABASE_URL = o.env.DATABASE_URL;
  const tsx = ["node_modules/.bin/tsx", "--tsconfig", "tsconfig.server.json", "server.ts"];
  let command = o.command ?? tsx;
  if (o.user && !o.command) {
    chownSync(dataDir, uidOf(o.user), gidOf(o.user));
    command = asUser({ user: o.user, group: o.user, env: [`HOME=/var/lib/${o.user}`] }, tsx);
  }
  const child = spawn(command[0], command.slice(1), { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 600 && !/virt-console ready on/.test(output); i++) {
    if (child.exitCode !== null) throw new Error(`the console server exited: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!/virt-console ready on/.test(output)) throw new Error(`the console server did not start in 60 s: ${output}`);
  const ca = readFileSync(path.join(dataDir, "tls", "cert.pem"));
  const origin = `https://127.0.0.1:${port}`;
  const request: ConsoleServer["request"] = (method, urlPath, r = {}) =>
    new Promise((resolve, reject) => {
      const body = r.json !== undefined ? JSON.stringify(r.json) : r.body;
      const headers: Record<string, string> = { Origin: origin };
      if (r.cookie) headers.Cookie = r.cookie;
      if (r.json !== undefined) headers["Content-Type"] = "application/json";
      if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
      const req = https.request(`${origin}${urlPath}`, { method, headers, ca, servername: "localhost" }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end(body);
    });
  return {
    origin,
    dataDir,
    process: child,
    log: () => output,
    ca,
    request,
    async signIn(username, password) {
      const res = await request("POST", "/api/auth/login", { json: { username, password } });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body.toString()}`);
      return String((res.headers["set-cookie"] as string[])[0]).split(";")[0];
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(-child.pid!, "SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A command line run as `user` (with its supplementary groups and no way back to more privilege), in `cwd`
 * with `env` added (NAME=value), as scripts/console-user.sh and the service unit run the console.
 */
export function asUser(o: { user: string; group: string; env?: string[]; cwd?: string }, command: string[]): string[] {
  const chdir = o.cwd ? [`--chdir=${o.cwd}`] : [];
  return [
    "setpriv",
    `--reuid=${o.user}`,
    `--regid=${o.group}`,
    "--init-groups",
    "--inh-caps=-all",
    "--no-new-privs",
    "env",
    ...chdir,
    ...(o.env ?? []),
    ...command,
  ];
}

const idOf = (flag: "-u" | "-g", user: string) => Number(execFileSync("id", [flag, user]).toString().trim());
const uidOf = (user: string) => idOf("-u", user);
const gidOf = (user: string) => idOf("-g", user);
