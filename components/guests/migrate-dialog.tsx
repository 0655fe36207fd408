"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useCallback, useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { migrationDestinations, type MigrationCheck, type MigrationResult } from "@/lib/guests/migration-types";
import type { GuestRow, HostSummary } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { can, type Grant } from "@/lib/roles";
import { migrationOptionsSchema, type CompressionMethod, type MigrationOptionsInput } from "@/lib/validations/migration";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { Dialog } from "@/components/ui/dialog";
import { isActive } from "@/lib/text/format";
import { MigrationProgressView } from "./migration-progress";
import { guestPath } from "./use-guest-actions";

/** Not words: a sign before each problem, and the name of a compression method (the same in every language). */
const BLOCKING_MARK = "✗ ";
const WARNING_MARK = "! ";
const XBZRLE = "xbzrle";

function Option({
  label,
  hint,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className={`flex gap-2 ${disabled ? "opacity-50" : ""}`}>
      <input type="checkbox" className="mt-1" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}

/**
 * Migrate a guest to another connected host the person may manage: options, the server's preflight
 * (Start stays disabled while something blocks), then the job's progress. When it is done the page
 * moves to the guest on its new host.
 */
export function MigrateDialog({ guest, grants, open, onClose }: { guest: GuestRow; grants: Grant[]; open: boolean; onClose: () => void }) {
  const t = useTranslations("guestDialogs.migrate");
  const tDialogs = useTranslations("guestDialogs");
  const tProblem = useTranslations("migrationChecks");
  const tUi = useTranslations("ui");
  const issueText = useIssueText();
  const router = useRouter();
  const toast = useToast();
  const hosts = useQuery({ queryKey: queryKeys.hosts(), queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts"), enabled: open });
  const sourceName = hosts.data?.hosts.find((h) => h.id === guest.hostId)?.name ?? guest.hostId;
  const candidates = migrationDestinations(hosts.data?.hosts ?? [], guest.hostId, (hostId) =>
    can(grants, "guest.manage", { kind: "host", hostId }),
  );
  const running = isActive(guest.state);
  const [form, setForm] = useState<MigrationOptionsInput & { bandwidthMiBs: string; peerUri: string; migrateUri: string }>({
    destinationHostId: "",
    mode: running ? "live" : "offline",
    persistent: true,
    undefineSource: true,
    copyStorage: false,
    bandwidthMiBs: "0",
    autoConverge: false,
    compression: "none",
    peerUri: "",
    migrateUri: "",
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const destinationHostId = form.destinationHostId || candidates[0]?.id || "";
  const parsed = migrationOptionsSchema.safeParse({ ...form, destinationHostId });
  const fieldError = (field: string) => {
    const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === field);
    return issue && issueText(issue);
  };
  const [job, setJob] = useState<JobView | null>(null);

  const check = useQuery({
    queryKey: ["migration-check", guest.hostId, guest.uuid, parsed.success ? parsed.data : null],
    queryFn: () => api<MigrationCheck>(`${guestPath(guest)}/migrate/check`, { body: parsed.data }),
    enabled: open && parsed.success && job === null && destinationHostId !== "",
    placeholderData: keepPreviousData,
    retry: false,
  });
  const start = useMutation({
    mutationFn: () => api<JobView>(`${guestPath(guest)}/migrate`, { body: parsed.data }),
    onSuccess: setJob,
    onError: (e) => toast.error(e instanceof ApiRequestError ? e.message : String(e)),
  });
  const onDone = useCallback(
    (result: MigrationResult) => {
      toast.success(t("migrated", { name: result.name }));
      onClose();
      router.push(`/guests/${encodeURIComponent(result.hostId)}/${result.uuid}`);
    },
    [router, toast, onClose, t],
  );

  const offline = form.mode === "offline";
  const blocking = check.data?.problems.filter((p) => p.severity === "blocking") ?? [];
  const canStart = parsed.success && check.data?.ok === true && !check.isFetching && !start.isPending;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("title", { name: guest.name })}
      wide
      footer={
        job ? (
          <Button variant="secondary" onClick={onClose}>
            {tDialogs("close")}
          </Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              {tUi("cancel")}
            </Button>
            <Button disabled={!canStart} onClick={() => start.mutate()}>
              {start.isPending ? tDialogs("starting") : t("start")}
            </Button>
          </>
        )
      }
    >
      {job ? (
        <MigrationProgressView
          job={job}
          sourceName={sourceName}
          speedPath={`/api/hosts/${encodeURIComponent(guest.hostId)}/guests/${guest.uuid}/migrate/speed`}
          onDone={onDone}
        />
      ) : candidates.length === 0 && hosts.isSuccess ? (
        <p role="note">{t("noDestination")}</p>
      ) : (
        <>
          <Field label={t("destination")} error={fieldError("destinationHostId")}>
            <Select value={destinationHostId} onChange={(e) => set({ destinationHostId: e.target.value })}>
              {candidates.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name} ({h.uri})
                </option>
              ))}
            </Select>
          </Field>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">{t("kind")}</legend>
            <label className="mr-4 inline-flex items-center gap-2">
              <input type="radio" name="mode" checked={!offline} disabled={!running} onChange={() => set({ mode: "live" })} /> {t("live")}
            </label>
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                checked={offline}
                disabled={running}
                onChange={() => set({ mode: "offline", copyStorage: false, persistent: true })}
              />{" "}
              {t("offline")}
            </label>
            <span className="block text-xs text-slate-500">{running ? t("liveHint") : t("offlineHint")}</span>
          </fieldset>
          <div className="grid gap-2 sm:grid-cols-2">
            <Option
              label={t("persistent")}
              hint={t("persistentHint")}
              checked={form.persistent ?? true}
              disabled={offline}
              onChange={(v) => set({ persistent: v })}
            />
            <Option
              label={t("undefineSource")}
              hint={t("undefineSourceHint")}
              checked={form.undefineSource ?? true}
              onChange={(v) => set({ undefineSource: v })}
            />
            <Option
              label={t("copyStorage")}
              hint={t("copyStorageHint")}
              checked={form.copyStorage ?? false}
              disabled={offline}
              onChange={(v) => set({ copyStorage: v })}
            />
            <Option
              label={t("autoConverge")}
              hint={t("autoConvergeHint")}
              checked={form.autoConverge ?? false}
              disabled={offline}
              onChange={(v) => set({ autoConverge: v })}
            />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("bandwidth")} hint={t("bandwidthHint")} error={fieldError("bandwidthMiBs")}>
              <Input
                inputMode="numeric"
                value={form.bandwidthMiBs}
                disabled={offline}
                onChange={(e) => set({ bandwidthMiBs: e.target.value })}
              />
            </Field>
            <Field label={t("compression")} hint={t("compressionHint")}>
              <Select
                value={form.compression}
                disabled={offline}
                onChange={(e) => set({ compression: e.target.value as CompressionMethod })}
              >
                <option value="none">{t("compressionNone")}</option>
                <option value="xbzrle">{XBZRLE}</option>
                <option value="mt">{t("compressionMt")}</option>
              </Select>
            </Field>
          </div>
          <Field
            label={t("peerUri")}
            hint={check.data?.peerUri ? t("peerUriWill", { uri: check.data.peerUri }) : t("peerUriHint")}
            error={fieldError("peerUri")}
          >
            <Input
              value={form.peerUri}
              placeholder={check.data?.peerUri ?? ""}
              className="font-mono"
              onChange={(e) => set({ peerUri: e.target.value })}
            />
          </Field>
          <Field label={t("migrateUri")} hint={t("migrateUriHint")} error={fieldError("migrateUri")}>
            <Input value={form.migrateUri} disabled={offline} className="font-mono" onChange={(e) => set({ migrateUri: e.target.value })} />
          </Field>
          <section
            aria-label={t("checks")}
            data-testid="migration-check"
            data-ok={check.data?.ok ?? ""}
            className="rounded-md border border-slate-200 p-3 dark:border-slate-700"
          >
            {check.isFetching ? <p className="text-xs text-slate-500">{t("checking")}</p> : null}
            {check.error ? (
              <p role="alert" className="text-red-600 dark:text-red-400">
                {check.error.message}
              </p>
            ) : null}
            {check.data && check.data.problems.length === 0 ? (
              <p className="text-emerald-700 dark:text-emerald-400">{t("checkOk")}</p>
            ) : null}
            {check.data && check.data.problems.length > 0 ? (
              <ul className="space-y-1">
                {check.data.problems.map((p) => (
                  <li
                    key={p.message}
                    data-severity={p.severity}
                    className={p.severity === "blocking" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400"}
                  >
                    {p.severity === "blocking" ? BLOCKING_MARK : WARNING_MARK}
                    {tProblem(p.key, p.values as never)}
                  </li>
                ))}
              </ul>
            ) : null}
            {blocking.length > 0 ? <p className="mt-2 text-xs text-slate-500">{t("fixFirst")}</p> : null}
          </section>
        </>
      )}
    </Dialog>
  );
}
