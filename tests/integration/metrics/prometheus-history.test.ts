// History from Prometheus, end to end: Debian's real `prometheus` (its binary, started here on a free loopback
// port with its own config and storage, not its system service) scrapes the real console's /metrics over HTTPS
// with the bearer token, and the same console, started with PROMETHEUS_URL, answers its history API from it:
// the numbers a direct query_range gives. With Prometheus gone, the history API says so.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startConsoleServer, type ConsoleServer } from "../../helpers/console-server";
import { freePort } from "../../helpers/free-port";

const PROMETHEUS = "/usr/bin/prometheus";
const TOKEN = "prom-history-token-0123456789";

let server: ConsoleServer | undefined;
let prometheus: ChildProcess | undefined;
let promLog = "";
const promDir = mkdtempSync(path.join(tmpdir(), "vc-prometheus-"));

async function stopPrometheus() {
  if (!prometheus || prometheus.exitCode !== null) return;
  const exited = new Promise((r) => prometheus!.once("exit", r));
  prometheus.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (prometheus.exitCode === null) prometheus.kill("SIGKILL");
}

afterAll(async () => {
  if (promLog.includes("level=error")) console.log(`prometheus said:\n${promLog}`);
  await stopPrometheus();
  await server?.stop();
  rmSync(promDir, { recursive: true, force: true });
});

type PromAnswer = {
  status: string;
  data: { result: { metric: Record<string, string>; values?: [number, string][]; value?: [number, string] }[] };
};
type History = {
  from: number;
  to: number;
  resolution: string;
  stepMs: number;
  t: number[];
  avg: Record<string, (number | null)[]>;
  max: Record<string, (number | null)[]>;
};

describe("history from Prometheus", () => {
  it("answers the history API with what Prometheus holds of the console's own series, and says so when Prometheus is gone", async () => {
    if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} not found (apt-get install prometheus)`);
    const promPort = await freePort();
    const promUrl = `http://127.0.0.1:${promPort}`;
    server = await startConsoleServer({
      env: { METRICS_TOKEN: TOKEN, PROMETHEUS_URL: promUrl, LOCAL_HOST_URI: "test:///default", METRICS_INTERVAL_MS: "1000" },
    });
    const consolePort = new URL(server.origin).port;
    writeFileSync(
      path.join(promDir, "prometheus.yml"),
      [
        "global:",
        "  scrape_interval: 1s",
        "scrape_configs:",
        "  - job_name: virt-console",
        "    scheme: https",
        "    authorization:",
        `      credentials: ${TOKEN}`,
        "    tls_config:",
        `      ca_file: ${path.join(server.dataDir, "tls", "cert.pem")}`,
        "      server_name: localhost",
        "    static_configs:",
        `      - targets: ["127.0.0.1:${consolePort}"]`,
        "",
      ].join("\n"),
    );
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${path.join(promDir, "prometheus.yml")}`,
        `--storage.tsdb.path=${path.join(promDir, "data")}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    prometheus.stdout!.on("data", (d: Buffer) => (promLog += d.toString()));
    prometheus.stderr!.on("data", (d: Buffer) => (promLog += d.toString()));
    const prom = async (api: string, params: Record<string, string>): Promise<PromAnswer> => {
      const res = await fetch(`${promUrl}/api/v1/${api}?${new URLSearchParams(params)}`);
      return (await res.json()) as PromAnswer;
    };

    // Prometheus scrapes the console: the test driver's guest shows up with its host's id and its uuid (the
    // test driver reports disk and network counters for it, not CPU time or a balloon).
    const guestSeries = async () =>
      (await prom("query", { query: "virtconsole_guest_disk_read_bytes_per_second" }).catch(() => null))?.data.result[0]?.metric ?? null;
    await expect
      .poll(guestSeries, { timeout: 60_000 })
      .not.toBeNull()
      .catch(async (error: Error) => {
        const targets = await fetch(`${promUrl}/api/v1/targets`).then((r) => r.text(), String);
        throw new Error(`${error.message}: no guest series in Prometheus; its targets: ${targets}\nits log: ${promLog}`);
      });
    const { host_id: hostId, uuid } = (await guestSeries())!;
    expect(hostId).toBeTruthy();
    expect(uuid).toBeTruthy();

    const cookie = await server.signIn("admin", "integration-admin-1");
    const history = async (from: number, to: number): Promise<{ status: number; body: History & { error?: string } }> => {
      const res = await server!.request(
        "GET",
        `/api/hosts/${hostId}/guests/${uuid}/metrics?range=custom&from=${from}&to=${to}&points=600`,
        {
          cookie,
        },
      );
      return { status: res.status, body: JSON.parse(res.body.toString()) };
    };
    // A whole one-minute bucket of scraped samples exists once a minute boundary has passed with samples before
    // it. Samples are stamped with the collector's time and scraped every second, so a range that ends 15 s ago
    // holds all it ever will: Prometheus and the API are compared on such a range.
    let answer: { status: number; body: History & { error?: string } } | undefined;
    let to = 0;
    const filled = async () => {
      to = Date.now() - 15_000;
      answer = await history(to - 2 * 3600_000, to);
      return answer.body.avg?.diskReadBps?.some((v) => v !== null) ?? false;
    };
    await expect.poll(filled, { timeout: 150_000, interval: 2000 }).toBe(true);
    const from = to - 2 * 3600_000;
    const { status, body } = answer!;
    expect(status).toBe(200);
    expect(body.resolution).toBe("prometheus");
    expect(body.stepMs).toBe(60_000);
    expect(body.t.length).toBeGreaterThan(0);
    expect(body.t.length).toBeLessThanOrEqual(600);
    for (const t of body.t) {
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t + body.stepMs).toBeLessThanOrEqual(to);
    }

    // The same numbers straight from Prometheus: each bucket [t, t + step) is the evaluation at t + step.
    const step = body.stepMs / 1000;
    const direct = async (query: string) => {
      const r = await prom("query_range", {
        query,
        start: String(body.t[0] / 1000 + step),
        end: String(body.t[body.t.length - 1] / 1000 + step),
        step: `${step}s`,
      });
      expect(r.status).toBe("success");
      return new Map((r.data.result[0]?.values ?? []).map(([at, v]) => [at * 1000 - body.stepMs, Number(v)]));
    };
    const selector = `{host_id="${hostId}",uuid="${uuid}"}`;
    const expectSame = (ours: (number | null)[], theirs: Map<number, number>) => {
      expect(theirs.size).toBeGreaterThan(0);
      body.t.forEach((t, i) => {
        const v = theirs.get(t);
        if (v === undefined) expect(ours[i]).toBeNull();
        else expect(ours[i]).toBeCloseTo(v, 6);
      });
    };
    expectSame(body.avg.diskReadBps, await direct(`avg_over_time(virtconsole_guest_disk_read_bytes_per_second${selector}[60s])`));
    expectSame(body.max.diskReadBps, await direct(`max_over_time(virtconsole_guest_disk_read_bytes_per_second${selector}[60s])`));
    expectSame(body.avg.netTxPps, await direct(`avg_over_time(virtconsole_guest_network_transmit_packets_per_second${selector}[60s])`));
    expect(body.avg.cpuPercent.every((v) => v === null)).toBe(true);

    // The live hour still comes from the collector.
    const hour = await server.request("GET", `/api/hosts/${hostId}/guests/${uuid}/metrics?range=1h`, { cookie });
    expect(JSON.parse(hour.body.toString()).resolution).toBe("raw");

    // Prometheus gone: the chart is told, not given other numbers.
    await stopPrometheus();
    const gone = await history(from, to);
    expect(gone.status).toBe(502);
    expect(gone.body.error).toBe("The history server (PROMETHEUS_URL) could not answer: nothing answers at its address");
  });
});
