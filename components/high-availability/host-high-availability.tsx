"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { placementText } from "@/lib/host-clusters/placement-words";
import type { HostHaView, PowerManagementView, PowerTestResult } from "@/lib/high-availability/types";
import type { JobView } from "@/lib/jobs/types";

const WHEN = { dateStyle: "medium", timeStyle: "short" } as const;
const PANEL = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/**
 * A host's high availability on its page: its fencing state when it has one (lost, waiting for confirmation, down,
 * with what was restarted where), "Confirm the host is down" for admins while it waits, and (admins) its power
 * management: the IPMI controller's address, port, user and a write-only password, with "Test".
 */
export function HostHighAvailability({ hostId, hostName, isAdmin }: { hostId: string; hostName: string; isAdmin: boolean }) {
  return (
    <>
      <HostHaState hostId={hostId} hostName={hostName} isAdmin={isAdmin} />
      {isAdmin ? <PowerManagement hostId={hostId} /> : null}
    </>
  );
}

function HostHaState({ hostId, hostName, isAdmin }: { hostId: string; hostName: string; isAdmin: boolean }) {
  const t = useTranslations("highAvailability");
  const tReason = useTranslations("placementWords");
  const format = useFormatter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const key = ["host-ha", hostId];
  const path = `/api/hosts/${encodeURIComponent(hostId)}/high-availability`;
  const state = useQuery({ queryKey: key, queryFn: () => api<HostHaView>(path), refetchInterval: 5_000 });
  const [asking, setAsking] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);
  const confirm = useMutation({
    mutationFn: () => api<JobView>(`${path}/confirm-down`, { method: "POST" }),
    onSuccess: (started) => {
      setAsking(false);
      setJob(started);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => toast.error(e.message),
  });
  const s = state.data;
  if (!s?.state) return job ? <JobProgress job={job} /> : null;
  const since = s.since ? format.dateTime(new Date(s.since), WHEN) : "";
  const d = s.detail;
  return (
    <section
      aria-label={t("stateLabel")}
      role="status"
      className={`${PANEL} border-amber-300 dark:border-amber-700`}
      data-testid="host-ha-state"
    >
      <p className="text-sm font-medium text-amber-800 dark:text-amber-300">
        {s.state === "unresponsive" ? t("unresponsive", { since }) : null}
        {s.state === "needsConfirmation" ? t("needsConfirmation", { since }) : null}
        {s.state === "down"
          ? d.downBy === "confirmed"
            ? t("confirmedDown", { since, by: d.confirmedBy ?? "" })
            : t("fencedDown", { since })
          : null}
      </p>
      {s.state === "needsConfirmation" && d.reason ? (
        <p className="text-sm">
          {t(`reason.${d.reason}`)}
          {d.message ? ` (${d.message})` : null}
        </p>
      ) : null}
      {d.restarted?.map((r) => (
        <p key={r.name} className="text-sm">
          {t("restartedOn", { guest: r.name, host: r.to })}
        </p>
      ))}
      {d.notRestarted?.length ? (
        <div role="alert" className="text-sm text-red-700 dark:text-red-400">
          <p>{t("notRestarted")}</p>
          <ul className="list-disc pl-5">
            {d.notRestarted.map((n) => (
              <li key={n.name}>
                {n.name}: {typeof n.why === "string" ? n.why : placementText(tReason, n.why)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {isAdmin && (s.state === "needsConfirmation" || s.state === "unresponsive") ? (
        <Button type="button" variant="danger" onClick={() => setAsking(true)}>
          {t("confirmDown")}
        </Button>
      ) : null}
      {job ? <JobProgress job={job} /> : null}
      <ConfirmDialog
        open={asking}
        title={t("confirmDownTitle", { host: hostName })}
        confirmLabel={t("confirmDown")}
        danger
        busy={confirm.isPending}
        onConfirm={() => confirm.mutate()}
        onCancel={() => setAsking(false)}
      >
        <p className="font-medium text-red-700 dark:text-red-400">{t("confirmDownWarning", { host: hostName })}</p>
        <p className="mt-2">{t("confirmDownLock")}</p>
      </ConfirmDialog>
    </section>
  );
}

function PowerManagement({ hostId }: { hostId: string }) {
  const t = useTranslations("highAvailability");
  const toast = useToast();
  const queryClient = useQueryClient();
  const key = ["host-power-management", hostId];
  const path = `/api/hosts/${encodeURIComponent(hostId)}/power-management`;
  const current = useQuery({ queryKey: key, queryFn: () => api<PowerManagementView>(path) });
  const [edits, setEdits] = useState<{ address?: string; port?: string; user?: string; password: string }>({ password: "" });
  const [tested, setTested] = useState<PowerTestResult | null>(null);
  const v = current.data;
  const address = edits.address ?? v?.address ?? "";
  const port = edits.port ?? String(v?.port ?? 623);
  const user = edits.user ?? v?.user ?? "";
  const save = useMutation({
    mutationFn: () =>
      api(path, { method: "PUT", body: { address, port: Number(port), user, ...(edits.password ? { password: edits.password } : {}) } }),
    onSuccess: () => {
      toast.success(t("saved"));
      setEdits({ password: "" });
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => toast.error(e.message),
  });
  const test = useMutation({
    mutationFn: () => api<PowerTestResult>(`${path}/test`, { method: "POST" }),
    onSuccess: setTested,
    onError: (e) => toast.error(e.message),
  });
  return (
    <section aria-label={t("powerManagement")} className={PANEL}>
      <h2 className="font-medium">{t("powerManagement")}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("powerManagementHint")}</p>
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t("bmcAddress")}>
          <Input value={address} onChange={(e) => setEdits({ ...edits, address: e.target.value })} required />
        </Field>
        <Field label={t("bmcPort")}>
          <Input type="number" min={1} max={65535} value={port} onChange={(e) => setEdits({ ...edits, port: e.target.value })} />
        </Field>
        <Field label={t("bmcUser")}>
          <Input value={user} onChange={(e) => setEdits({ ...edits, user: e.target.value })} required autoComplete="off" />
        </Field>
        <Field label={t("bmcPassword")} hint={v?.passwordSet ? t("passwordKept") : undefined}>
          <Input
            type="password"
            value={edits.password}
            onChange={(e) => setEdits({ ...edits, password: e.target.value })}
            autoComplete="new-password"
          />
        </Field>
        <div className="flex flex-wrap items-center gap-2 sm:col-span-2">
          <Button type="submit" disabled={save.isPending}>
            {t("save")}
          </Button>
          <Button type="button" variant="secondary" disabled={test.isPending || !v?.address} onClick={() => test.mutate()}>
            {t("test")}
          </Button>
          {tested ? (
            <span role="status" data-testid="power-test-result" className="text-sm">
              {tested.ok ? t(`power.${tested.power}`) : t("testFailed", { message: tested.message })}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
