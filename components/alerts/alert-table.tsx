"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Cell, Row, Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { AlertView } from "@/lib/alerts/types";
import { api } from "@/lib/client/api";

export const alertsKey = ["alerts"] as const;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "");

/** What an alert's state is in words: firing, acknowledged, silenced until…, resolved. */
function stateText(a: AlertView): string {
  if (a.status === "resolved") return `Resolved ${when(a.resolvedAt)}`;
  const parts = ["Firing"];
  if (a.acknowledgedBy) parts.push(`acknowledged by ${a.acknowledgedBy}`);
  if (a.silencedUntil && new Date(a.silencedUntil) > new Date()) parts.push(`silenced until ${when(a.silencedUntil)}`);
  return parts.join(", ");
}

/** A list of alerts: firing ones with Acknowledge and Silence (the page and the dashboard), or the history. */
export function AlertTable({ alerts, caption, empty, actions }: { alerts: AlertView[]; caption: string; empty: string; actions: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const act = useMutation({
    mutationFn: ({ id, what }: { id: string; what: "acknowledge" | "silence" }) =>
      api(`/api/alerts/${id}/${what}`, { method: "POST", body: what === "silence" ? { minutes: 60 } : {} }),
    onSuccess: (_, { what }) => {
      void queryClient.invalidateQueries({ queryKey: alertsKey });
      toast.success(what === "silence" ? "No notifications about this alert for an hour" : "Alert acknowledged");
    },
    onError: (e) => toast.error(e.message),
  });
  const columns = [
    { label: "Alert" },
    { label: "Rule" },
    { label: "Since" },
    { label: "State" },
    ...(actions ? [{ label: "Actions", hidden: true }] : []),
  ];
  return (
    <Table label={caption} caption={caption} columns={columns} empty={empty} testId={actions ? "active-alerts" : "alert-history"}>
      {alerts.map((a) => (
        <Row key={a.id} data-testid="alert-row">
          <Cell className={a.status === "firing" ? "font-medium text-red-700 dark:text-red-400" : ""}>{a.message}</Cell>
          <Cell>{a.ruleName}</Cell>
          <Cell>{when(a.firedAt)}</Cell>
          <Cell>{stateText(a)}</Cell>
          {actions ? (
            <Cell className="whitespace-nowrap">
              <Button
                variant="secondary"
                disabled={Boolean(a.acknowledgedAt) || act.isPending}
                onClick={() => act.mutate({ id: a.id, what: "acknowledge" })}
              >
                Acknowledge
              </Button>{" "}
              <Button variant="ghost" disabled={act.isPending} onClick={() => act.mutate({ id: a.id, what: "silence" })}>
                Silence for an hour
              </Button>
            </Cell>
          ) : null}
        </Row>
      ))}
    </Table>
  );
}
