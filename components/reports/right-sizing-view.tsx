"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { useUnits } from "@/lib/client/use-units";
import {
  DEFAULT_IDLE_DAYS,
  finding,
  IDLE_LIMITS,
  OVERSIZED_PERCENT,
  rightSizingCsv,
  type RightSizingResponse,
} from "@/lib/reports/right-sizing";
import { downloadText } from "./download";

const CSV_NAME = "right-sizing.csv";

/** Reports → Right-sizing: oversized and idle guests, what could be reclaimed, and a CSV of it. */
export function RightSizingView() {
  const t = useTranslations("reports");
  const tCsv = useTranslations("reportCsv");
  const units = useUnits();
  const pct = (v: number | null) => units.percent(v);
  const [idleDays, setIdleDays] = useState(String(DEFAULT_IDLE_DAYS));
  const days = Math.min(30, Math.max(1, Math.round(Number(idleDays)) || DEFAULT_IDLE_DAYS));
  const report = useQuery({
    queryKey: ["right-sizing", days],
    queryFn: () => api<RightSizingResponse>(`/api/reports/right-sizing?idleDays=${days}`),
  });
  const data = report.data;
  const hostName = (id: string) => data?.hosts.find((h) => h.id === id)?.name ?? id;
  const totals = (data?.rows ?? []).reduce((s, r) => ({ vcpus: s.vcpus + r.reclaimVcpus, kib: s.kib + r.reclaimMemoryKiB }), {
    vcpus: 0,
    kib: 0,
  });
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t("rightSizing.explain", {
          oversized: OVERSIZED_PERCENT,
          cpu: IDLE_LIMITS.cpuPercent,
          disk: units.rate(IDLE_LIMITS.diskBytesPerSec),
          network: units.rate(IDLE_LIMITS.netBytesPerSec),
        })}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("rightSizing.idleDays")}>
          <Input type="number" min={1} max={30} value={idleDays} onChange={(e) => setIdleDays(e.target.value)} className="w-24" />
        </Field>
        <Button
          variant="secondary"
          disabled={!data}
          onClick={() => data && downloadText(CSV_NAME, rightSizingCsv(data.rows, hostName, tCsv))}
        >
          {t("downloadCsv")}
        </Button>
      </div>
      {report.isError ? <p role="alert">{report.error.message}</p> : null}
      {data?.errors.map((e) => (
        <p key={e.hostId} role="status" className="text-sm text-amber-700 dark:text-amber-400">
          {t("rightSizing.hostUnread", { host: hostName(e.hostId), error: e.message })}
        </p>
      ))}
      {data ? (
        <>
          <p className="text-sm" data-testid="right-sizing-total">
            {t("rightSizing.total", { vcpus: totals.vcpus, memory: units.kib(totals.kib), guests: data.rows.length })}
          </p>
          <Table
            label={t("rightSizing.title")}
            columns={[
              { label: t("rightSizing.columnGuest") },
              { label: t("rightSizing.columnHost") },
              { label: t("rightSizing.columnFinding") },
              { label: t("rightSizing.columnVcpus"), numeric: true },
              { label: t("rightSizing.columnSuggestedVcpus"), numeric: true },
              { label: t("rightSizing.columnMemory"), numeric: true },
              { label: t("rightSizing.columnSuggestedMemory"), numeric: true },
              { label: t("rightSizing.columnReclaim"), numeric: true },
            ]}
            empty={t("rightSizing.empty")}
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
                <Cell>{tCsv(`finding.${finding(r)}`)}</Cell>
                <Cell numeric>{t("rightSizing.withUse", { size: r.vcpus, use: pct(r.cpuP95) })}</Cell>
                <Cell numeric>{r.suggestedVcpus}</Cell>
                <Cell numeric>{t("rightSizing.withUse", { size: units.kib(r.memoryKiB), use: pct(r.memoryP95) })}</Cell>
                <Cell numeric>{units.kib(r.suggestedMemoryKiB)}</Cell>
                <Cell numeric>{t("rightSizing.reclaim", { vcpus: r.reclaimVcpus, memory: units.kib(r.reclaimMemoryKiB) })}</Cell>
              </Row>
            ))}
          </Table>
        </>
      ) : null}
    </div>
  );
}
