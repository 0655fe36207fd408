// Several console instances as in production: a throw-away PostgreSQL, N real servers (server.ts, production
// build) on their own ports sharing its DATABASE_URL and one data directory (secret key, host credentials),
// and Debian's HAProxy in front with the configuration the README documents (docs/haproxy.cfg, only its
// ports changed). Instances can be stopped gracefully (SIGTERM), killed (SIGKILL) and started again.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { groupMembers } from "../../scripts/bench/support/proc-stats";
import { postgresBinDir, startPostgres } from "./postgres";

const root = path.resolve(__dirname, "../..");

export type ClusterOptions = {
  size: number;
  proxyPort: number;
  /** Instance i listens on firstPort + i. */
  firstPort: number;
  adminPassword: string;
  /** Logs of every process and the shared data directory go under here (wiped first). */
  workDir: string;
  env?: Record<string, string>;
};

type Instance = { name: string; port: number; proc: ChildProcess | null };

/** A child that has not exited yet (one killed by a signal keeps exitCode null and gets a signalCode). */
const running = (proc: ChildProcess | null): boolean => proc !== null && proc.exitCode === null && proc.signalCode === null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s`);
}

/** The process group is gone when signal 0 cannot reach any of its members. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export class TestCluster {
  readonly url: string;
  private readonly instances: Instance[];
  private haproxy: ChildProcess | null = null;
  private pgServer: { url: string; stop: () => Promise<void> } | null = null;
  private readonly dataDir: string;
  private readonly logDir: string;

  private constructor(private readonly o: ClusterOptions) {
    this.url = `http://127.0.0.1:${o.proxyPort}`;
    this.instances = Array.from({ length: o.size }, (_, i) => ({ name: `instance-${i}`, port: o.firstPort + i, proc: null }));
    this.dataDir = path.join(o.workDir, "data");
    this.logDir = path.join(o.workDir, "logs");
  }

  /** Starts PostgreSQL, every instance at once (as a deployment would), and HAProxy; resolves once all are healthy. */
  static async start(options: ClusterOptions): Promise<TestCluster> {
    const cluster = new TestCluster(options);
    rmSync(options.workDir, { recursive: true, force: true });
    mkdirSync(cluster.dataDir, { recursive: true });
    mkdirSync(cluster.logDir, { recursive: true });
    const bin = postgresBinDir();
    if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
    cluster.pgServer = await startPostgres(bin);
    try {
      await Promise.all(cluster.instances.map((_, i) => cluster.startInstance(i)));
      cluster.startHaproxy();
      await waitFor("HAProxy answering", async () => (await fetch(`${cluster.url}/readyz`)).ok, 20_000);
    } catch (err) {
      await cluster.close();
      throw err;
    }
    return cluster;
  }

  get size(): number {
    return this.instances.length;
  }

  get databaseUrl(): string {
    return this.pgServer!.url;
  }

  /** Runs one query on the cluster's database. */
  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  async startInstance(i: number): Promise<void> {
    const inst = this.instances[i];
    if (running(inst.proc)) throw new Error(`${inst.name} is running`);
    const log = openSync(path.join(this.logDir, `${inst.name}.log`), "a");
    // The server itself as the child (no launcher in between), so its exit code is ours to read.
    inst.proc = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: root,
      detached: true, // its own process group, so a kill reaches its helpers (esbuild) too
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        NODE_ENV: "production",
        TSX_TSCONFIG_PATH: "tsconfig.server.json",
        NEXT_TELEMETRY_DISABLED: "1",
        HOST: "127.0.0.1",
        PORT: String(inst.port),
        INSTANCE_ADDRESS: `127.0.0.1:${inst.port}`,
        DATABASE_URL: this.databaseUrl,
        DATA_DIR: this.dataDir,
        ADMIN_PASSWORD: this.o.adminPassword,
        // HAProxy speaks plain HTTP to the instances here, as a TLS-terminating proxy would.
        TLS: "off",
        TRUSTED_PROXIES: "127.0.0.1",
        PUBLIC_ORIGIN: this.url,
        ...this.o.env,
      },
    });
    closeSync(log);
    const proc = inst.proc;
    await waitFor(
      `${inst.name} healthy`,
      async () => {
        if (!running(proc)) throw new Error(`${inst.name} exited (${proc.exitCode ?? proc.signalCode}); see ${this.logDir}`);
        return (await fetch(`http://127.0.0.1:${inst.port}/readyz`)).ok;
      },
      120_000,
    );
  }

  /** SIGTERM, as a service manager stops it; resolves with its exit code once the whole process group is gone. */
  async stopInstance(i: number): Promise<number | null> {
    const proc = this.instances[i].proc;
    if (!proc?.pid) return null;
    const exited = new Promise<number | null>((resolve) => (running(proc) ? proc.once("exit", resolve) : resolve(proc.exitCode)));
    process.kill(proc.pid, "SIGTERM");
    const code = await exited;
    await waitFor(`${this.instances[i].name} gone`, async () => !groupAlive(proc.pid!), 30_000);
    return code;
  }

  /** SIGKILL to every process of the instance: no shutdown at all, as in a crash or a pulled cable. */
  async killInstance(i: number): Promise<void> {
    const proc = this.instances[i].proc;
    if (!proc?.pid) return;
    process.kill(-proc.pid, "SIGKILL");
    await waitFor(`${this.instances[i].name} gone`, async () => !groupAlive(proc.pid!), 10_000);
  }

  /** The instance id the server gave itself (its row in the Instance table, by the address it announced). */
  async instanceId(i: number): Promise<string> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM "Instance" WHERE address = $1 AND "stoppingAt" IS NULL ORDER BY "startedAt" DESC LIMIT 1`,
      [`127.0.0.1:${this.instances[i].port}`],
    );
    if (!rows[0]) throw new Error(`${this.instances[i].name} has no live instance row`);
    return rows[0].id;
  }

  /** Which instance runs the process `pid` (e.g. the one holding a TCP connection), or -1. */
  instanceOfPid(pid: number): number {
    return this.instances.findIndex((inst) => inst.proc?.pid !== undefined && groupMembers(inst.proc.pid).includes(pid));
  }

  /** Index of the instance whose process holds an established TCP connection to 127.0.0.1:port, or -1. */
  instanceConnectedTo(port: number): number {
    const out = execFileSync("ss", ["-Htnp", "state", "established", "dst", `127.0.0.1:${port}`], { encoding: "utf8" });
    for (const match of out.matchAll(/pid=(\d+)/g)) {
      const i = this.instanceOfPid(Number(match[1]));
      if (i >= 0) return i;
    }
    return -1;
  }

  private startHaproxy(): void {
    const servers = this.instances.map((inst) => `    server ${inst.name} 127.0.0.1:${inst.port}`).join("\n");
    const config = readFileSync(path.join(root, "docs/haproxy.cfg"), "utf8")
      .replace(/^ {4}bind :80$/m, `    bind 127.0.0.1:${this.o.proxyPort}`)
      .replace(/(^ {4}server .*\n?)+/m, `${servers}\n`);
    if (!config.includes(`127.0.0.1:${this.o.proxyPort}`) || !config.includes(servers))
      throw new Error("docs/haproxy.cfg changed its shape");
    const file = path.join(this.o.workDir, "haproxy.cfg");
    writeFileSync(file, config);
    const log = openSync(path.join(this.logDir, "haproxy.log"), "a");
    this.haproxy = spawn("haproxy", ["-db", "-f", file], { stdio: ["ignore", log, log] });
    closeSync(log);
  }

  async close(): Promise<void> {
    this.haproxy?.kill("SIGKILL");
    await Promise.all(
      this.instances.map(async (inst) => {
        if (inst.proc?.pid && groupAlive(inst.proc.pid)) process.kill(-inst.proc.pid, "SIGKILL");
      }),
    );
    await sleep(500);
    await this.pgServer?.stop();
  }
}
