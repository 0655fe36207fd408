"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Row, Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { conditionText } from "@/lib/alerts/rules";
import { scopeText } from "@/lib/alerts/scopes";
import type { AlertRuleView, AlertsResponse } from "@/lib/alerts/types";
import { api } from "@/lib/client/api";
import { AlertTable, alertsKey } from "./alert-table";
import { RuleForm } from "./rule-form";

/** The alerts page: firing alerts, the rules (with each person's e-mail choice), and the history. */
export function AlertsView() {
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
    onSuccess: changed("Alert rule removed"),
    onError: (e) => toast.error(e.message),
  });
  const subscribe = useMutation({
    mutationFn: ({ id, email }: { id: string; email: string | null }) =>
      api(`/api/alerts/rules/${id}/subscription`, email ? { method: "PUT", body: { email } } : { method: "DELETE" }),
    onSuccess: changed("Your e-mail choice is saved"),
    onError: (e) => toast.error(e.message),
  });
  const data = alerts.data;
  const askEmail = (r: AlertRuleView) => {
    const email = window.prompt(`E-mail address for the alerts of “${r.name}”`, r.myEmail ?? "");
    if (email) subscribe.mutate({ id: r.id, email });
  };

  return (
    <>
      <PageHeader
        title="Alerts"
        description="What is wrong now, the rules that watch for it, and what happened before."
        actions={data?.canManage && !adding ? <Button onClick={() => setAdding(true)}>New rule</Button> : null}
      />
      <div className="space-y-6">
        {alerts.isPending ? <p className="text-slate-500">Loading…</p> : null}
        {alerts.error ? <p className="text-red-600">{alerts.error.message}</p> : null}
        {adding ? <RuleForm onDone={() => setAdding(false)} /> : null}
        {data ? (
          <>
            <AlertTable alerts={data.active} caption="Active alerts" empty="Nothing is wrong: no alert fires." actions />
            <Table
              label="Rules"
              caption="Rules"
              testId="alert-rules"
              columns={[
                { label: "Name" },
                { label: "Condition" },
                { label: "On" },
                { label: "Notifications" },
                { label: "Actions", hidden: true },
              ]}
              empty="No rules yet."
            >
              {data.rules.map((r) => (
                <Row key={r.id} data-testid="rule-row">
                  <Cell className="font-medium">
                    {r.name}
                    {r.enabled ? null : <span className="text-slate-500"> (off)</span>}
                  </Cell>
                  <Cell>{conditionText(r)}</Cell>
                  <Cell>{scopeText(r)}</Cell>
                  <Cell>
                    {[r.myEmail ? `You, at ${r.myEmail}` : null, r.webhookUrl ? `Webhook${r.webhookSigned ? " (signed)" : ""}` : null]
                      .filter(Boolean)
                      .join("; ") || "Nobody yet"}
                  </Cell>
                  <Cell className="whitespace-nowrap">
                    {r.myEmail ? (
                      <Button variant="ghost" onClick={() => subscribe.mutate({ id: r.id, email: null })}>
                        Stop e-mails
                      </Button>
                    ) : (
                      <Button variant="ghost" onClick={() => askEmail(r)}>
                        E-mail me
                      </Button>
                    )}
                    {data.canManage ? (
                      <Button
                        variant="ghost"
                        onClick={() => window.confirm(`Remove the rule “${r.name}” and its alerts?`) && remove.mutate(r.id)}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Cell>
                </Row>
              ))}
            </Table>
            <AlertTable alerts={data.history} caption="History" empty="No alert has resolved yet." actions={false} />
          </>
        ) : null}
      </div>
    </>
  );
}
