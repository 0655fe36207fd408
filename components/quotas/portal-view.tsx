"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FromTemplateDialog } from "@/components/guests/template-dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { PortalTemplate, PortalView as Portal } from "@/lib/quotas/portal";
import { QuotaMeters } from "./quota-meters";

export const portalKey = ["portal"] as const;

/**
 * Self-service: what the person's quotas allow and what they have made, and the templates they may make guests
 * from (New guest opens the same dialog as a template's own page). Their guests are in the guest list.
 */
export function PortalView() {
  const t = useTranslations("quotas");
  const portal = useQuery({ queryKey: portalKey, queryFn: () => api<Portal>("/api/portal") });
  const [template, setTemplate] = useState<PortalTemplate | null>(null);
  if (portal.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (portal.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {portal.error.message}
      </p>
    );
  const { quotas, templates } = portal.data;
  return (
    <div className="space-y-6">
      <section
        aria-labelledby="my-quota"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="my-quota" className="text-lg font-semibold">
          {t("myQuota")}
        </h2>
        {quotas.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("noQuota")}</p> : null}
        {quotas.map((q) => {
          const label = q.kind === "user" ? t("yours") : t("groups", { group: q.subject });
          return (
            <div key={q.id} className="space-y-2" data-testid="my-quota">
              <h3 className="text-sm font-medium">{label}</h3>
              <QuotaMeters limits={q.limits} used={q.used} label={label} />
            </div>
          );
        })}
        <p className="text-sm">
          <Link href="/guests" className="text-blue-700 underline dark:text-blue-400">
            {t("myGuests")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="templates" className="space-y-3">
        <h2 id="templates" className="text-lg font-semibold">
          {t("templates")}
        </h2>
        {templates.length === 0 ? (
          <EmptyState title={t("noTemplates")}>{t("noTemplatesHint")}</EmptyState>
        ) : (
          <Table
            label={t("templates")}
            columns={[
              { label: t("column.template") },
              { label: t("column.host") },
              { label: t("column.size") },
              { label: t("column.actions"), hidden: true },
            ]}
          >
            {templates.map((tpl) => (
              <Row key={`${tpl.hostId}/${tpl.uuid}`}>
                <Cell className="font-medium">{tpl.name}</Cell>
                <Cell>{tpl.hostName}</Cell>
                <Cell className="tabular-nums">{t("size", { vcpus: tpl.vcpus, memoryMiB: tpl.memoryMiB })}</Cell>
                <Cell className="text-right">
                  <Button variant="secondary" onClick={() => setTemplate(tpl)} aria-label={t("newFrom", { template: tpl.name })}>
                    {t("newGuest")}
                  </Button>
                </Cell>
              </Row>
            ))}
          </Table>
        )}
      </section>
      {template ? (
        <FromTemplateDialog
          guest={{
            hostId: template.hostId,
            uuid: template.uuid,
            name: template.name,
            vcpus: template.vcpus,
            memoryKiB: template.memoryMiB * 1024,
          }}
          onClose={() => {
            setTemplate(null);
            void portal.refetch();
          }}
        />
      ) : null}
    </div>
  );
}
