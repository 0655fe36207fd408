"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Row, Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { conditionText, scopeText } from "@/lib/alerts/words";
import type { AlertRuleView, AlertsResponse } from "@/lib/alerts/types";
import { api } from "@/lib/client/api";
import { AlertTable, alertsKey } from "./alert-table";
import { RuleForm } from "./rule-form";

/** The alerts page: firing alerts, the rules (with each person's e-mail choice), and the history. */
export function AlertsView() {
  const t = useTranslations("alerts");
  const tWords = useTranslations("alertWords");
  const queryClient = useQueryClient();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const alerts = useQuery({ queryKey: alertsKey, queryFn: () => api<AlertsResponse>("/api/alerts"), refetchInterval: 30_000 });
  const changed = (message: string) => () => {
    void queryClient.invalidateQueries({ queryKey: alertsKey });
    toast.success(message);
  };
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/alerts/rules/${id}`, { method: "DELETE" }),
    onSuccess: changed(t("ruleRemoved")),
    onError: (e) => toast.error(e.message),
  });
  const subscribe = useMutation({
    mutationFn: ({ id, email }: { id: string; email: string | null }) =>
      api(`/api/alerts/rules/${id}/subscription`, email ? { method: "PUT", body: { email } } : { method: "DELETE" }),
    onSuccess: changed(t("emailSaved")),
    onError: (e) => toast.error(e.message),
  });
  const data = alerts.data;
  const askEmail = (r: AlertRuleView) => {
    const email = window.prompt(t("emailPrompt", { rule: r.name }), r.myEmail ?? "");
    if (email) subscribe.mutate({ id: r.id, email });
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={data?.canManage && !adding ? <Button onClick={() => setAdding(true)}>{t("newRule")}</Button> : null}
      />
      <div className="space-y-6">
        {alerts.isPending ? <p className="text-slate-500">{t("loading")}</p> : null}
        {alerts.error ? <p className="text-red-600">{alerts.error.message}</p> : null}
        {adding ? <RuleForm onDone={() => setAdding(false)} /> : null}
        {data ? (
          <>
            <AlertTable alerts={data.active} caption={t("active")} empty={t("noneFiring")} actions />
            <Table
              label={t("rules")}
              caption={t("rules")}
              testId="alert-rules"
              columns={[
                { label: t("columnName") },
                { label: t("columnCondition") },
                { label: t("columnOn") },
                { label: t("columnNotifications") },
                { label: t("columnActions"), hidden: true },
              ]}
              empty={t("noRules")}
            >
              {data.rules.map((r) => (
                <Row key={r.id} data-testid="rule-row">
                  <Cell className="font-medium">
                    {r.name}
                    {r.enabled ? null : <span className="text-slate-500"> {t("off")}</span>}
                  </Cell>
                  <Cell>{conditionText(tWords, r)}</Cell>
                  <Cell>{scopeText(tWords, r)}</Cell>
                  <Cell>
                    {[
                      r.myEmail ? t("youAt", { email: r.myEmail }) : null,
                      r.webhookUrl ? (r.webhookSigned ? t("webhookSigned") : t("webhook")) : null,
                    ]
                      .filter(Boolean)
                      .join(t("listSeparator")) || t("nobody")}
                  </Cell>
                  <Cell className="whitespace-nowrap">
                    {r.myEmail ? (
                      <Button variant="ghost" onClick={() => subscribe.mutate({ id: r.id, email: null })}>
                        {t("stopEmails")}
                      </Button>
                    ) : (
                      <Button variant="ghost" onClick={() => askEmail(r)}>
                        {t("emailMe")}
                      </Button>
                    )}
                    {data.canManage ? (
                      <Button variant="ghost" onClick={() => window.confirm(t("confirmRemove", { rule: r.name })) && remove.mutate(r.id)}>
                        {t("remove")}
                      </Button>
                    ) : null}
                  </Cell>
                </Row>
              ))}
            </Table>
            <AlertTable alerts={data.history} caption={t("history")} empty={t("noHistory")} actions={false} />
          </>
        ) : null}
      </div>
    </>
  );
}
