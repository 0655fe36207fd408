import "server-only";
import { ApiError } from "../http/errors";
import { log } from "../log";
import type { HistoryResult } from "./history";
import { guestFamilies, hostFamilies, type Family } from "./prometheus";
import { MINUTE_MS } from "./rollups";
import type { SeriesName } from "@/lib/metrics/series";

// History from a Prometheus-compatible server (PROMETHEUS_URL) that scrapes the console's own /metrics:
// one `query_range` per chart, every series' bucket average and maximum in it, the buckets as the
// rollups' are (a start, a step, the mean and the peak within). The evaluation at time T covers
// (T - step, T], so the bucket starting at T - step. If the server cannot answer, the chart says so:
// no quiet fallback to the rollups, which would hide a broken history server behind older numbers.

/** No finer than a minute (as the rollups): a usual 15–60 s scrape interval leaves no empty buckets. */
export const PROMETHEUS_MIN_STEP_MS = MINUTE_MS;
const TIMEOUT_MS = 15_000;
const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "nothing answers at its address",
  ENOTFOUND: "its name is not known",
  EAI_AGAIN: "its name could not be looked up",
  ECONNRESET: "it closed the connection",
};

export type PromRange = { hostId: string; guestUuid: string; from: number; to: number; series: readonly SeriesName[]; maxPoints: number };

/** The evaluation times (s) and the step that keep whole buckets inside [from, to], at most maxPoints of them. */
export function promStep(from: number, to: number, maxPoints: number): { start: number; end: number; stepMs: number } {
  const stepMs = Math.max(PROMETHEUS_MIN_STEP_MS, Math.ceil((to - from) / maxPoints / PROMETHEUS_MIN_STEP_MS) * PROMETHEUS_MIN_STEP_MS);
  const first = Math.ceil(from / stepMs) * stepMs;
  return { start: (first + stepMs) / 1000, end: Math.floor(to / stepMs) * (stepMs / 1000), stepMs };
}

const quote = (value: string) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;

/**
 * One PromQL expression for every series' average and maximum per step: each family's samples of this host
 * (or guest) aggregated over the step, across scrape targets (several console instances expose the same
 * samples), tagged with `series` and `stat` labels so one answer carries them all.
 */
export function promQuery(hostId: string, guestUuid: string, series: readonly SeriesName[], stepMs: number): string {
  const families: readonly Family<SeriesName>[] = guestUuid ? guestFamilies : hostFamilies;
  const selector = guestUuid ? `host_id=${quote(hostId)},uuid=${quote(guestUuid)}` : `host_id=${quote(hostId)}`;
  const window = `${Math.round(stepMs / 1000)}s`;
  const parts: string[] = [];
  for (const s of series) {
    const f = families.find((x) => x.series === s);
    if (!f) continue;
    for (const stat of ["avg", "max"] as const) {
      const inner = `${stat}(${stat}_over_time(${f.name}{${selector}}[${window}]))`;
      parts.push(`label_replace(label_replace(${inner}, "series", "${s}", "", ""), "stat", "${stat}", "", "")`);
    }
  }
  return parts.join(" or ");
}

type PromMatrix = { metric: Record<string, string>; values: [number, string][] }[];

/** Reads Prometheus' answer into the charts' columnar shape: t is each bucket's start, values unscaled to the console's units. */
export function fromMatrix(
  matrix: PromMatrix,
  guestUuid: string,
  series: readonly SeriesName[],
  range: { start: number; end: number; stepMs: number },
): Pick<HistoryResult, "t" | "avg" | "max"> {
  const families: readonly Family<SeriesName>[] = guestUuid ? guestFamilies : hostFamilies;
  const stepS = range.stepMs / 1000;
  const slots = new Map<number, number>();
  const t: number[] = [];
  // Every step of the range, empty ones too, so a gap in the scrapes shows as a gap in the chart.
  for (let at = range.start; at <= range.end; at += stepS) {
    slots.set(at, t.length);
    t.push((at - stepS) * 1000);
  }
  const avg: HistoryResult["avg"] = {};
  const max: HistoryResult["max"] = {};
  for (const s of series) {
    avg[s] = t.map(() => null);
    max[s] = t.map(() => null);
  }
  for (const row of matrix) {
    const s = row.metric.series as SeriesName;
    const column = (row.metric.stat === "max" ? max : avg)[s];
    if (!column) continue;
    const scale = families.find((f) => f.series === s)?.scale ?? 1;
    for (const [at, text] of row.values) {
      const i = slots.get(at);
      const v = Number(text);
      if (i !== undefined && Number.isFinite(v)) column[i] = v / scale;
    }
  }
  return { t, avg, max };
}

/**
 * Prometheus' API address with any user:password moved into a Basic Authorization header (fetch refuses a
 * URL that carries credentials). PROMETHEUS_URL is the operator's setting, not a user's, so a plain fetch
 * with a timeout is right here; the guarded fetch (lib/server/net) is for addresses people type in.
 */
function endpoint(baseUrl: string, params: URLSearchParams): { url: URL; headers: Record<string, string> } {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const headers: Record<string, string> = { Accept: "application/json" };
  if (base.username || base.password) {
    const pair = `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`;
    headers.Authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
    base.username = "";
    base.password = "";
  }
  const url = new URL("api/v1/query_range", base);
  url.search = params.toString();
  return { url, headers };
}

/** A chart's history from Prometheus; an ApiError (502) with what went wrong when it cannot answer. */
export async function prometheusHistory(baseUrl: string, q: PromRange): Promise<HistoryResult> {
  const range = promStep(q.from, q.to, q.maxPoints);
  const result: HistoryResult = { from: q.from, to: q.to, resolution: "prometheus", stepMs: range.stepMs, t: [], avg: {}, max: {} };
  const query = promQuery(q.hostId, q.guestUuid, q.series, range.stepMs);
  if (!query || range.end < range.start) return { ...result, ...fromMatrix([], q.guestUuid, q.series, range) };
  const params = new URLSearchParams({ query, start: String(range.start), end: String(range.end), step: `${range.stepMs / 1000}s` });
  const { url, headers } = endpoint(baseUrl, params);
  const failed = (why: string) => {
    log.warn({ prometheus: url.origin, error: why }, "metrics: the Prometheus history query failed");
    return new ApiError(502, { key: "historyServerFailed", values: { detail: why } });
  };
  let body: { status?: string; error?: string; data?: { resultType?: string; result?: PromMatrix } };
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
    body = (await res.json().catch(() => ({ error: `HTTP ${res.status}` }))) as typeof body;
    if (!res.ok && !body.error) body.error = `HTTP ${res.status}`;
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? "";
    if ((error as Error).name === "TimeoutError") throw failed(`no answer in ${TIMEOUT_MS / 1000} s`);
    throw failed(NETWORK_ERRORS[code] ?? (error as Error).message);
  }
  if (body.status !== "success" || body.data?.resultType !== "matrix") throw failed(body.error ?? "an answer it did not understand");
  return { ...result, ...fromMatrix(body.data.result ?? [], q.guestUuid, q.series, range) };
}
