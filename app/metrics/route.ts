import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { newestMetrics } from "@/lib/server/metrics/service";
import { prometheusText } from "@/lib/server/metrics/prometheus";

export const dynamic = "force-dynamic";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Prometheus scrape endpoint: every host's and guest's newest point, from whichever instance samples it
 * (any instance answers for all). Not for browsers: it takes the
 * METRICS_TOKEN as a bearer token instead of a session, and is off (404) while no token is set.
 */
export async function GET(req: NextRequest) {
  const token = env().METRICS_TOKEN;
  if (!token) return new NextResponse("The /metrics endpoint is off: set METRICS_TOKEN to turn it on.\n", { status: 404 });
  const given = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(given), digest(token))) {
    return new NextResponse("A bearer token is required (Authorization: Bearer <METRICS_TOKEN>).\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const hosts = await db().host.findMany({ select: { id: true, name: true } });
  const body = prometheusText(await newestMetrics(), new Map(hosts.map((h) => [h.id, h.name])));
  return new NextResponse(body, { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
}
