"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import type { AuditPage } from "./types";

type Filters = { actor: string; action: string; target: string; from: string; to: string };
const noFilters: Filters = { actor: "", action: "", target: "", from: "", to: "" };

function queryString(filters: Filters, page: number): string {
  const params = new URLSearchParams({ page: String(page), pageSize: "50" });
  for (const [k, v] of Object.entries(filters)) {
    if (!v) continue;
    params.set(k, k === "from" || k === "to" ? new Date(v).toISOString() : v);
  }
  return params.toString();
}

export function AuditLogView() {
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const qs = queryString(filters, page);
  const audit = useQuery({
    queryKey: ["admin", "audit", qs],
    queryFn: () => api<AuditPage>(`/api/admin/audit?${qs}`),
    placeholderData: keepPreviousData,
  });
  const pages = audit.data ? Math.max(1, Math.ceil(audit.data.total / audit.data.pageSize)) : 1;
  const apply = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setFilters({
      actor: String(f.get("actor") ?? ""),
      action: String(f.get("action") ?? ""),
      target: String(f.get("target") ?? ""),
      from: String(f.get("from") ?? ""),
      to: String(f.get("to") ?? ""),
    });
    setPage(1);
  };
  return (
    <div className="space-y-4">
      <form onSubmit={apply} aria-label="Filter audit log" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Field label="User">
          <Input name="actor" defaultValue={filters.actor} />
        </Field>
        <Field label="Action">
          <Input name="action" placeholder="e.g. user." defaultValue={filters.action} />
        </Field>
        <Field label="Target">
          <Input name="target" defaultValue={filters.target} />
        </Field>
        <Field label="From">
          <Input name="from" type="datetime-local" defaultValue={filters.from} />
        </Field>
        <Field label="To">
          <Input name="to" type="datetime-local" defaultValue={filters.to} />
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </div>
      </form>
      {audit.error ? (
        <p role="alert" className="text-sm text-red-600">
          {audit.error.message}
        </p>
      ) : null}
      {audit.data?.total === 0 ? (
        <EmptyState title="No audit entries match">Changes made through the console are recorded here.</EmptyState>
      ) : null}
      {audit.data && audit.data.total > 0 ? (
        <Table label="Audit log" columns={["Time", "User", "Action", "Target", "Result", "Details"].map((label) => ({ label }))}>
          {audit.data.rows.map((r) => (
            <Row key={r.id}>
              <Cell className="whitespace-nowrap">{new Date(r.at).toLocaleString()}</Cell>
              <Cell>
                {r.actor}
                {r.via.startsWith("token:") ? (
                  <span className="block text-xs text-slate-500">via API token {r.via.split(":").slice(2).join(":")}</span>
                ) : null}
              </Cell>
              <Cell className="font-mono">{r.action}</Cell>
              <Cell>{r.target}</Cell>
              <Cell className={r.result === "ok" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
                {r.result}
              </Cell>
              <Cell className="max-w-md truncate font-mono text-xs" title={JSON.stringify(r.details)}>
                {JSON.stringify(r.details)}
              </Cell>
            </Row>
          ))}
        </Table>
      ) : null}
      {audit.data && audit.data.total > 0 ? (
        <div className="flex items-center gap-3 text-sm">
          <Button variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Newer
          </Button>
          <span>
            Page {page} of {pages} · {audit.data.total} entries
          </span>
          <Button variant="secondary" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Older
          </Button>
        </div>
      ) : null}
    </div>
  );
}
