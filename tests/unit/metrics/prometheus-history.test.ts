// History from Prometheus: the step and evaluation times, the PromQL, reading the answer back, and the
// choice of source in queryHistory. fetch is stubbed at the transport boundary; the real Prometheus is in
// tests/integration/metrics/prometheus-history.test.ts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { queryHistory, type HistoryContext } from "@/lib/server/metrics/history";
import { fromMatrix, prometheusHistory, promQuery, promStep } from "@/lib/server/metrics/prometheus-history";
import { HOUR_MS, MINUTE_MS } from "@/lib/server/metrics/rollups";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const GUEST = "11111111-2222-4333-8444-555555555555";

afterEach(() => vi.unstubAllGlobals());

/** Stubs fetch with one answer and records the URLs asked for. */
function answer(body: unknown, status = 200): URL[] {
  const asked: URL[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: URL) => {
      asked.push(url);
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return asked;
}

describe("promStep", () => {
  it("keeps whole buckets inside the range, at most maxPoints of them, no finer than a minute", () => {
    for (const [span, maxPoints] of [
      [24 * HOUR_MS, 600],
      [HOUR_MS + 17_000, 10],
      [365 * 24 * HOUR_MS, 2000],
      [7 * 24 * HOUR_MS, 600],
    ]) {
      const from = NOW - span;
      const { start, end, stepMs } = promStep(from, NOW, maxPoints);
      expect(stepMs % MINUTE_MS).toBe(0);
      expect(stepMs).toBeGreaterThanOrEqual(span / maxPoints);
      expect((start - stepMs / 1000) * 1000).toBeGreaterThanOrEqual(from);
      expect(end * 1000).toBeLessThanOrEqual(NOW);
      expect((end - start) / (stepMs / 1000) + 1).toBeLessThanOrEqual(maxPoints);
      expect(Number.isInteger((end - start) / (stepMs / 1000))).toBe(true);
    }
    expect(promStep(NOW - 2 * HOUR_MS, NOW, 600).stepMs).toBe(MINUTE_MS);
  });
});

describe("promQuery", () => {
  it("asks for every series' average and maximum over the step, of this guest only, tagged by series and stat", () => {
    const q = promQuery("h-1", GUEST, ["cpuPercent", "memUsedKiB"], 5 * MINUTE_MS);
    expect(q).toBe(
      [
        `label_replace(label_replace(avg(avg_over_time(virtconsole_guest_cpu_percent{host_id="h-1",uuid="${GUEST}"}[300s])), "series", "cpuPercent", "", ""), "stat", "avg", "", "")`,
        `label_replace(label_replace(max(max_over_time(virtconsole_guest_cpu_percent{host_id="h-1",uuid="${GUEST}"}[300s])), "series", "cpuPercent", "", ""), "stat", "max", "", "")`,
        `label_replace(label_replace(avg(avg_over_time(virtconsole_guest_memory_used_bytes{host_id="h-1",uuid="${GUEST}"}[300s])), "series", "memUsedKiB", "", ""), "stat", "avg", "", "")`,
        `label_replace(label_replace(max(max_over_time(virtconsole_guest_memory_used_bytes{host_id="h-1",uuid="${GUEST}"}[300s])), "series", "memUsedKiB", "", ""), "stat", "max", "", "")`,
      ].join(" or "),
    );
  });

  it("uses the host's own families for a host, skips series a host has not, and escapes label values", () => {
    const q = promQuery('h"\\1', "", ["cpuPercent", "diskReadBps"], MINUTE_MS);
    expect(q).toContain('virtconsole_host_cpu_percent{host_id="h\\"\\\\1"}[60s]');
    expect(q).not.toContain("disk");
    expect(promQuery("h", "", ["netRxBps"], MINUTE_MS)).toBe("");
  });
});

describe("fromMatrix", () => {
  it("puts each value at its bucket's start, in the console's units, with empty steps as gaps", () => {
    const range = { start: 1_000_060, end: 1_000_240, stepMs: 60_000 };
    const r = fromMatrix(
      [
        {
          metric: { series: "cpuPercent", stat: "avg" },
          values: [
            [1_000_060, "12.5"],
            [1_000_180, "NaN"],
          ],
        },
        { metric: { series: "cpuPercent", stat: "max" }, values: [[1_000_060, "40"]] },
        { metric: { series: "memUsedKiB", stat: "avg" }, values: [[1_000_240, "2048"]] },
      ],
      GUEST,
      ["cpuPercent", "memUsedKiB"],
      range,
    );
    expect(r.t).toEqual([1_000_000_000, 1_000_060_000, 1_000_120_000, 1_000_180_000]);
    expect(r.avg.cpuPercent).toEqual([12.5, null, null, null]);
    expect(r.max.cpuPercent).toEqual([40, null, null, null]);
    expect(r.avg.memUsedKiB).toEqual([null, null, null, 2]);
  });
});

describe("prometheusHistory", () => {
  it("calls query_range under the server's path with Basic credentials from the URL, and answers the charts' shape", async () => {
    const { start, stepMs } = promStep(NOW - 24 * HOUR_MS, NOW, 600);
    const asked = answer({
      status: "success",
      data: { resultType: "matrix", result: [{ metric: { series: "cpuPercent", stat: "avg" }, values: [[start, "7"]] }] },
    });
    const r = await prometheusHistory("http://ops:s%40cret@prom.example:9090/prom", {
      hostId: "h-1",
      guestUuid: GUEST,
      from: NOW - 24 * HOUR_MS,
      to: NOW,
      series: ["cpuPercent"],
      maxPoints: 600,
    });
    expect(asked[0].href.startsWith("http://prom.example:9090/prom/api/v1/query_range?")).toBe(true);
    expect(asked[0].searchParams.get("step")).toBe(`${stepMs / 1000}s`);
    const init = vi.mocked(fetch).mock.calls[0][1] as RequestInit;
    expect((init.headers as Record<string, string>).Authorization).toBe(`Basic ${Buffer.from("ops:s@cret").toString("base64")}`);
    expect(r.resolution).toBe("prometheus");
    expect(r.stepMs).toBe(stepMs);
    expect(r.t[0]).toBe(start * 1000 - stepMs);
    expect(r.avg.cpuPercent![0]).toBe(7);
    expect(r.t.length).toBeLessThanOrEqual(600);
  });

  it("says what went wrong when Prometheus refuses the query or cannot be reached, instead of showing other numbers", async () => {
    answer({ status: "error", errorType: "bad_data", error: "parse error" }, 400);
    const q = { hostId: "h", guestUuid: "", from: NOW - 24 * HOUR_MS, to: NOW, series: ["cpuPercent" as const], maxPoints: 600 };
    await expect(prometheusHistory("http://prom.example:9090", q)).rejects.toMatchObject({
      status: 502,
      message: "The history server (PROMETHEUS_URL) could not answer: parse error",
    });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
      }),
    );
    await expect(prometheusHistory("http://prom.example:9090", q)).rejects.toThrow(/could not answer: nothing answers at its address/);
  });
});

describe("queryHistory with a Prometheus URL", () => {
  const live = {
    intervalMs: 2000,
    liveHistoryMs: HOUR_MS,
    // From the start of the hour on, so no older stretch is filled from the (absent) rollup tables.
    guestPoints: () => [
      { t: NOW - HOUR_MS + 10_000, cpuPercent: 5 },
      { t: NOW - 10_000, cpuPercent: 3 },
    ],
    hostPoints: () => [],
  };
  // No database: neither path here may touch the rollup tables.
  const ctx = { db: null, collector: live, retentionMinuteDays: 7, prometheusUrl: "http://prom.example:9090" } as unknown as HistoryContext;

  it("reads ranges beyond the live hour from Prometheus, and the live hour from the collector", async () => {
    const asked = answer({ status: "success", data: { resultType: "matrix", result: [] } });
    const day = await queryHistory(ctx, { hostId: "h", guestUuid: GUEST, range: "24h", now: NOW, series: ["cpuPercent"] });
    expect(day.resolution).toBe("prometheus");
    expect(asked).toHaveLength(1);
    const hour = await queryHistory(ctx, { hostId: "h", guestUuid: GUEST, range: "1h", now: NOW, series: ["cpuPercent"] });
    expect(hour.resolution).toBe("raw");
    expect(hour.avg.cpuPercent).toEqual([5, 3]);
    expect(asked).toHaveLength(1);
  });
});
