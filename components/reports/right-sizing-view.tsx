"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import {
  DEFAULT_IDLE_DAYS,
  findingText,
  IDLE_LIMITS,
  OVERSIZED_PERCENT,
  rightSizingCsv,
  type RightSizingResponse,
} from "@/lib/reports/right-sizing";
import { downloadText } from "./download";

const gib = (kib: number) => `${(kib / 1024 / 1024).toFixed(kib % (1024 * 1024) ? 2 : 0)} GiB`;
const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} %`);

/** Reports → Right-sizing: oversized and idle guests, what could be reclaimed, and a CSV of it. */
export function RightSizingView() {
  const [idleDays, setIdleDays] = useState(String(DEFAULT_IDLE_DAYS));
  const days = Math.min(30, Math.max(1, Math.round(Number(idleDays)) || DEFAULT_IDLE_DAYS));
  const report = useQuery({
    queryKey: ["right-sizing", days],
    queryFn: () => api<RightSizingResponse>(`/api/reports/right-sizing?idleDays=${days}`),
  });
  const data = report.data;
  const hostName = (id: string) => data?.hosts.find((h) => h.id === id)?.name ?? id;
  const totals = (data?.rows ?? []).reduce((t, r) => ({ vcpus: t.vcpus + r.reclaimVcpus, kib: t.kib + r.reclaimMemoryKiB }), {
    vcpus: 0,
    kib: 0,
  });
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        From the hourly averages of the last 30 days. Oversized: the 95th percentile of CPU or memory use is below {OVERSIZED_PERCENT} % of
        what the guest was given (the suggestion leaves it at about half). Idle: every hour of the idle days under {IDLE_LIMITS.cpuPercent}{" "}
        % CPU, {IDLE_LIMITS.diskBytesPerSec / 1024} KiB/s disk and {IDLE_LIMITS.netBytesPerSec / 1024} KiB/s network. Guests with less than
        three days of history are left out.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Idle for (days)">
          <Input type="number" min={1} max={30} value={idleDays} onChange={(e) => setIdleDays(e.target.value)} className="w-24" />
        </Field>
        <Button
          variant="secondary"
          disabled={!data}
          onClick={() => data && downloadText("right-sizing.csv", rightSizingCsv(data.rows, hostName))}
        >
          Download CSV
        </Button>
      </div>
      {report.isError ? <p role="alert">{report.error.message}</p> : null}
      {data?.errors.map((e) => (
        <p key={e.hostId} role="status" className="text-sm text-amber-700 dark:text-amber-400">
          {hostName(e.hostId)} could not be read: {e.message}
        </p>
      ))}
      {data ? (
        <>
          <p className="text-sm" data-testid="right-sizing-total">
            Could be reclaimed: {totals.vcpus} vCPUs and {gib(totals.kib)} of memory from {data.rows.length} guests.
          </p>
          <Table
            label="Right-sizing"
            columns={[
              { label: "Guest" },
              { label: "Host" },
              { label: "Finding" },
              { label: "vCPUs (p95 use)", numeric: true },
              { label: "Suggested vCPUs", numeric: true },
              { label: "Memory (p95 use)", numeric: true },
              { label: "Suggested memory", numeric: true },
              { label: "Reclaim", numeric: true },
            ]}
            empty="No oversized or idle guests."
          >
            {data.rows.map((r) => (
              <Row key={`${r.hostId}/${r.uuid}`} data-testid="right-sizing-row">
                <Cell>
                  <Link
                    href={`/guests/${encodeURIComponent(r.hostId)}/${r.uuid}`}
                    className="text-blue-700 hover:underline dark:text-blue-400"
                  >
                    {r.name}
                  </Link>
                </Cell>
                <Cell>{hostName(r.hostId)}</Cell>
                <Cell>{findingText(r)}</Cell>
                <Cell numeric>
                  {r.vcpus} ({pct(r.cpuP95)})
                </Cell>
                <Cell numeric>{r.suggestedVcpus}</Cell>
                <Cell numeric>
                  {gib(r.memoryKiB)} ({pct(r.memoryP95)})
                </Cell>
                <Cell numeric>{gib(r.suggestedMemoryKiB)}</Cell>
                <Cell numeric>
                  {r.reclaimVcpus} vCPUs, {gib(r.reclaimMemoryKiB)}
                </Cell>
              </Row>
            ))}
          </Table>
        </>
      ) : null}
    </div>
  );
}
