"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { api } from "@/lib/client/api";
import { auditActionKey, auditActions, auditResults, isAuditAction, type AuditResult } from "@/lib/audit/actions";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import type { AuditPage } from "./types";

type Filters = { actor: string; action: string; target: string; from: string; to: string };
const noFilters: Filters = { actor: "", action: "", target: "", from: "", to: "" };
const PAGE_SIZE = "50";
const TOKEN_VIA = "token:";
const AT_FORMAT = { dateStyle: "medium", timeStyle: "medium" } as const;

function queryString(filters: Filters, page: number): string {
  const params = new URLSearchParams({ page: String(page), pageSize: PAGE_SIZE });
  for (const [k, v] of Object.entries(filters)) {
    if (!v) continue;
    params.set(k, k === "from" || k === "to" ? new Date(v).toISOString() : v);
  }
  return params.toString();
}

/** An action in the reader's words; one the list does not know (an older console's) as it was recorded. */
export function useAuditActionText(): (action: string) => string {
  const t = useTranslations("auditLog");
  return (action) => (isAuditAction(action) ? t(`action.${auditActionKey(action)}`) : action);
}

const isResult = (r: string): r is AuditResult => (auditResults as readonly string[]).includes(r);

export function AuditLogView() {
  const t = useTranslations("auditLog");
  const format = useFormatter();
  const actionText = useAuditActionText();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const qs = queryString(filters, page);
  const audit = useQuery({
    queryKey: ["admin", "audit", qs],
    queryFn: () => api<AuditPage>(`/api/admin/audit?${qs}`),
    placeholderData: keepPreviousData,
  });
  // The filter's choices in the reader's words, in their alphabet's order.
  const choices = useMemo(
    () => auditActions.map((a) => ({ value: a, label: actionText(a) })).sort((a, b) => a.label.localeCompare(b.label)),
    [actionText],
  );
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
  const columns = [t("time"), t("user"), t("actionColumn"), t("target"), t("result"), t("details")].map((label) => ({ label }));
  return (
    <div className="space-y-4">
      <form onSubmit={apply} aria-label={t("filterLabel")} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Field label={t("user")}>
          <Input name="actor" defaultValue={filters.actor} />
        </Field>
        <Field label={t("actionColumn")}>
          <Select name="action" defaultValue={filters.action}>
            <option value="">{t("anyAction")}</option>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("target")}>
          <Input name="target" defaultValue={filters.target} />
        </Field>
        <Field label={t("from")}>
          <Input name="from" type="datetime-local" defaultValue={filters.from} />
        </Field>
        <Field label={t("to")}>
          <Input name="to" type="datetime-local" defaultValue={filters.to} />
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="secondary">
            {t("filter")}
          </Button>
        </div>
      </form>
      {audit.error ? (
        <p role="alert" className="text-sm text-red-600">
          {audit.error.message}
        </p>
      ) : null}
      {audit.data?.total === 0 ? <EmptyState title={t("none")}>{t("noneHint")}</EmptyState> : null}
      {audit.data && audit.data.total > 0 ? (
        <Table label={t("title")} columns={columns}>
          {audit.data.rows.map((r) => (
            <Row key={r.id}>
              <Cell className="whitespace-nowrap tabular-nums">{format.dateTime(new Date(r.at), AT_FORMAT)}</Cell>
              <Cell>
                {r.actor}
                {r.via.startsWith(TOKEN_VIA) ? (
                  <span className="block text-xs text-slate-500">{t("viaToken", { token: r.via.split(":").slice(2).join(":") })}</span>
                ) : null}
              </Cell>
              <Cell title={r.action} data-testid="audit-action">
                {actionText(r.action)}
              </Cell>
              <Cell>{r.target}</Cell>
              <Cell className={r.result === "ok" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
                {isResult(r.result) ? t(`outcome.${r.result}`) : r.result}
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
            {t("newer")}
          </Button>
          <span>{t("pageOf", { page, pages, total: audit.data.total })}</span>
          <Button variant="secondary" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t("older")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
