"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import {
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

const groupWords: Record<UsageGrouping, string> = { host: "Host", tag: "Tag", owner: "Owner (who created the guest)", guest: "Guest" };
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The sidebar and the controls stay off paper. */
const PRINT_CSS = "@media print { aside, header, .print-hidden { display: none !important; } body { background: white; } }";

function TotalCells({ t }: { t: UsageTotals }) {
  return (
    <>
      <Cell numeric>{t.guests}</Cell>
      <Cell numeric>{round2(t.vcpuHours)}</Cell>
      <Cell numeric>{round2(t.memoryGiBHours)}</Cell>
      <Cell numeric>{round2(t.diskGiB)}</Cell>
      <Cell numeric>{round2(t.diskIoGiB)}</Cell>
      <Cell numeric>{round2(t.trafficGiB)}</Cell>
    </>
  );
}

/** Reports → Usage: who used what over a month or a range, on screen, as CSV, on paper and by e-mail each month. */
export function UsageView({ canMail }: { canMail: boolean }) {
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
  const period = data ? `${dayOf(data.from)} to ${dayOf(data.to - 1)}` : "";

  return (
    <div className="space-y-4">
      <style>{PRINT_CSS}</style>
      <div className="print-hidden flex flex-wrap items-end gap-3">
        <Field label="Group by">
          <Select value={groupBy} onChange={(e) => setGroupBy(e.target.value as UsageGrouping)}>
            {usageGroupings.map((g) => (
              <option key={g} value={g}>
                {groupWords[g]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Period">
          <Select value={mode} onChange={(e) => setMode(e.target.value === "range" ? "range" : "month")}>
            <option value="month">A month</option>
            <option value="range">Days from … to …</option>
          </Select>
        </Field>
        {mode === "month" ? (
          <Field label="Month">
            <Input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </Field>
        ) : (
          <>
            <Field label="First day">
              <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field label="Last day">
              <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
          </>
        )}
        <Button
          variant="secondary"
          disabled={!data}
          onClick={() => data && downloadText(`usage-${groupBy}-${period.replace(/ /g, "_")}.csv`, usageCsv(data))}
        >
          Download CSV
        </Button>
        <Button
          variant="secondary"
          disabled={!data}
          onClick={() => data && downloadText(`usage-guests-${period.replace(/ /g, "_")}.csv`, usageCsv(data, true))}
        >
          CSV per guest
        </Button>
        <Button variant="secondary" disabled={!data} onClick={() => window.print()}>
          Print or save as PDF
        </Button>
      </div>
      {report.isError ? <p role="alert">{report.error.message}</p> : null}
      {data?.errors.map((e) => (
        <p key={e.hostId} role="status" className="text-sm text-amber-700 dark:text-amber-400">
          A host could not be read ({e.message}); its guests are missing.
        </p>
      ))}
      {data ? (
        <>
          <h2 className="text-base font-semibold">
            Usage by {groupBy}, {period}
          </h2>
          <Table
            label="Usage"
            testId="usage-table"
            columns={[
              { label: groupWords[groupBy] },
              { label: "Guests", numeric: true },
              { label: "vCPU-hours", numeric: true },
              { label: "Memory GiB-hours", numeric: true },
              { label: "Disk GiB (now)", numeric: true },
              { label: "Disk I/O GiB", numeric: true },
              { label: "Traffic GiB", numeric: true },
            ]}
            empty="No guests with stored history in this period."
          >
            {data.groups.map((g) => (
              <Row key={g.group} data-testid="usage-row">
                <Cell>{g.group}</Cell>
                <TotalCells t={g} />
              </Row>
            ))}
            {data.groups.length ? (
              <Row className="font-semibold" data-testid="usage-total">
                <Cell>Total</Cell>
                <TotalCells t={data.total} />
              </Row>
            ) : null}
          </Table>
          <p className="text-xs text-slate-500">
            From the stored hourly averages; each hour counts for the part of it the guest ran. vCPU-hours use the vCPUs each guest has now;
            disk is the space of its disks now.{" "}
            {groupBy === "tag" ? "A guest with several tags is counted under each; the total counts it once." : ""}
          </p>
        </>
      ) : null}
      {canMail ? <UsageMailForm /> : null}
    </div>
  );
}
