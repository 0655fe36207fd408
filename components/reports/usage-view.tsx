"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import {
  groupName,
  previousMonth,
  round2,
  usageCsv,
  usageGroupings,
  type UsageGrouping,
  type UsageReport,
  type UsageTotals,
} from "@/lib/reports/usage";
import { downloadText } from "./download";
import { UsageMailForm } from "./usage-mail-form";

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_FORMAT = { dateStyle: "medium", timeZone: "UTC" } as const;
/** The sidebar and the controls stay off paper. */
const PRINT_CSS = "@media print { aside, header, .print-hidden { display: none !important; } body { background: white; } }";

function TotalCells({ totals }: { totals: UsageTotals }) {
  const format = useFormatter();
  const n = (v: number) => format.number(round2(v));
  return (
    <>
      <Cell numeric>{format.number(totals.guests)}</Cell>
      <Cell numeric>{n(totals.vcpuHours)}</Cell>
      <Cell numeric>{n(totals.memoryGiBHours)}</Cell>
      <Cell numeric>{n(totals.diskGiB)}</Cell>
      <Cell numeric>{n(totals.diskIoGiB)}</Cell>
      <Cell numeric>{n(totals.trafficGiB)}</Cell>
    </>
  );
}

/** Reports → Usage: who used what over a month or a range, on screen, as CSV, on paper and by e-mail each month. */
export function UsageView({ canMail }: { canMail: boolean }) {
  const t = useTranslations("reports");
  const tCsv = useTranslations("reportCsv");
  const format = useFormatter();
  const [groupBy, setGroupBy] = useState<UsageGrouping>("host");
  const [mode, setMode] = useState<"month" | "range">("month");
  const [last] = useState(() => previousMonth(Date.now()));
  const [month, setMonth] = useState(monthOf(last.from));
  const [from, setFrom] = useState(dayOf(last.from));
  const [to, setTo] = useState(dayOf(last.to - 1));
  const params = new URLSearchParams({ groupBy, ...(mode === "month" ? { month } : { from, to }) });
  const report = useQuery({
    queryKey: ["usage", params.toString()],
    queryFn: () => api<UsageReport & { errors: { hostId: string; message: string }[] }>(`/api/reports/usage?${params}`),
  });
  const data = report.data;
  // File names stay ISO days in every language; the heading says the days in the person's.
  const period = data ? `${dayOf(data.from)}_${dayOf(data.to - 1)}` : "";
  const shownPeriod = data
    ? t("usage.period", {
        from: format.dateTime(new Date(data.from), DAY_FORMAT),
        last: format.dateTime(new Date(data.to - 1), DAY_FORMAT),
      })
    : "";

  return (
    <div className="space-y-4">
      <style>{PRINT_CSS}</style>
      <div className="print-hidden flex flex-wrap items-end gap-3">
        <Field label={t("usage.groupBy")}>
          <Select value={groupBy} onChange={(e) => setGroupBy(e.target.value as UsageGrouping)}>
            {usageGroupings.map((g) => (
              <option key={g} value={g}>
                {t(`usage.grouping.${g}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("usage.periodLabel")}>
          <Select value={mode} onChange={(e) => setMode(e.target.value === "range" ? "range" : "month")}>
            <option value="month">{t("usage.aMonth")}</option>
            <option value="range">{t("usage.aRange")}</option>
          </Select>
        </Field>
        {mode === "month" ? (
          <Field label={t("usage.month")}>
            <Input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </Field>
        ) : (
          <>
            <Field label={t("usage.firstDay")}>
              <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field label={t("usage.lastDay")}>
              <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
          </>
        )}
        <Button
          variant="secondary"
          disabled={!data}
          onClick={() => data && downloadText(`usage-${groupBy}-${period}.csv`, usageCsv(data, tCsv))}
        >
          {t("downloadCsv")}
        </Button>
        <Button
          variant="secondary"
          disabled={!data}
          onClick={() => data && downloadText(`usage-guests-${period}.csv`, usageCsv(data, tCsv, true))}
        >
          {t("usage.csvPerGuest")}
        </Button>
        <Button variant="secondary" disabled={!data} onClick={() => window.print()}>
          {t("usage.print")}
        </Button>
      </div>
      {report.isError ? <p role="alert">{report.error.message}</p> : null}
      {data?.errors.map((e) => (
        <p key={e.hostId} role="status" className="text-sm text-amber-700 dark:text-amber-400">
          {t("usage.hostUnread", { error: e.message })}
        </p>
      ))}
      {data ? (
        <>
          <h2 className="text-base font-semibold">{t("usage.heading", { grouping: groupBy, period: shownPeriod })}</h2>
          <Table
            label={t("usage.title")}
            testId="usage-table"
            columns={[
              { label: t(`usage.grouping.${groupBy}`) },
              { label: t("usage.columnGuests"), numeric: true },
              { label: t("usage.columnVcpuHours"), numeric: true },
              { label: t("usage.columnMemory"), numeric: true },
              { label: t("usage.columnDisk"), numeric: true },
              { label: t("usage.columnDiskIo"), numeric: true },
              { label: t("usage.columnTraffic"), numeric: true },
            ]}
            empty={t("usage.empty")}
          >
            {data.groups.map((g) => (
              <Row key={g.group} data-testid="usage-row">
                <Cell>{groupName(tCsv, g.group)}</Cell>
                <TotalCells totals={g} />
              </Row>
            ))}
            {data.groups.length ? (
              <Row className="font-semibold" data-testid="usage-total">
                <Cell>{t("usage.total")}</Cell>
                <TotalCells totals={data.total} />
              </Row>
            ) : null}
          </Table>
          <p className="text-xs text-slate-500">
            {t("usage.explain")} {groupBy === "tag" ? t("usage.explainTags") : ""}
          </p>
        </>
      ) : null}
      {canMail ? <UsageMailForm /> : null}
    </div>
  );
}
