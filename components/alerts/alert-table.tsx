"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Cell, Row, Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { AlertView } from "@/lib/alerts/types";
import { api } from "@/lib/client/api";

export const alertsKey = ["alerts"] as const;

const WHEN_FORMAT = { dateStyle: "medium", timeStyle: "short" } as const;

/** A list of alerts: firing ones with Acknowledge and Silence (the page and the dashboard), or the history. */
export function AlertTable({ alerts, caption, empty, actions }: { alerts: AlertView[]; caption: string; empty: string; actions: boolean }) {
  const t = useTranslations("alerts");
  const format = useFormatter();
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), WHEN_FORMAT) : "");
  const queryClient = useQueryClient();
  const toast = useToast();
  const act = useMutation({
    mutationFn: ({ id, what }: { id: string; what: "acknowledge" | "silence" }) =>
      api(`/api/alerts/${id}/${what}`, { method: "POST", body: what === "silence" ? { minutes: 60 } : {} }),
    onSuccess: (_, { what }) => {
      void queryClient.invalidateQueries({ queryKey: alertsKey });
      toast.success(what === "silence" ? t("silenced") : t("acknowledged"));
    },
    onError: (e) => toast.error(e.message),
  });
  /** What an alert's state is in words: firing, acknowledged, silenced until…, resolved. */
  const stateText = (a: AlertView): string => {
    if (a.status === "resolved") return t("resolvedAt", { at: when(a.resolvedAt) });
    const parts = [t("firing")];
    if (a.acknowledgedBy) parts.push(t("acknowledgedBy", { name: a.acknowledgedBy }));
    if (a.silencedUntil && new Date(a.silencedUntil) > new Date()) parts.push(t("silencedUntil", { at: when(a.silencedUntil) }));
    return parts.join(t("listSeparator"));
  };
  const columns = [
    { label: t("columnAlert") },
    { label: t("columnRule") },
    { label: t("columnSince") },
    { label: t("columnState") },
    ...(actions ? [{ label: t("columnActions"), hidden: true }] : []),
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
                {t("acknowledge")}
              </Button>{" "}
              <Button variant="ghost" disabled={act.isPending} onClick={() => act.mutate({ id: a.id, what: "silence" })}>
                {t("silenceHour")}
              </Button>
            </Cell>
          ) : null}
        </Row>
      ))}
    </Table>
  );
}
