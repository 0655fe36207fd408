"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { GuestListResponse } from "@/lib/guests/types";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { RETAIN_MAX, retentionPeriods, type RetentionPeriod } from "@/lib/guest-backups/retention";
import { PRESETS, type Preset } from "@/lib/schedules/timing";
import type { ScheduleView } from "@/lib/schedules/types";
import { createScheduleSchema, KEEP_MAX, keepingActions, scheduleActions, type ScheduleAction } from "@/lib/validations/schedules";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useRunNotes } from "@/lib/client/use-run-notes";

const schedulesKey = ["schedules"] as const;
const WHEN_FORMAT = { dateStyle: "medium", timeStyle: "short" } as const;
/** Examples people type, not words: shown as they are in every language. */
const CRON_EXAMPLE = "30 2 * * 1-5";
const TAG_EXAMPLE = "branch-berlin";
const ZONE_EXAMPLE = "Europe/Berlin";
const POOL_EXAMPLE = "backups";
type ScheduleWords = ReturnType<typeof useTranslations<"schedules">>;

/** A schedule in words: "Start guests tagged web (0 3 * * *, UTC)", "…, keep 3, 7 daily". */
function scheduleTitle(t: ScheduleWords, s: ScheduleView, guestName: (hostId: string, uuid: string) => string): string {
  const on = s.target.kind === "guest" ? guestName(s.target.hostId, s.target.uuid) : t("onTag", { tag: s.target.tag });
  const timing = { cron: s.cron, zone: s.timeZone };
  const title = s.backup
    ? t("titleBackup", { action: t(`actionTitle.${s.action}`), on, pool: s.backup.pool, kind: t(`kind.${s.backup.kind}`), ...timing })
    : t("titleAction", { action: t(`actionTitle.${s.action}`), on, ...timing });
  if (!s.keep) return title;
  const periods = retentionPeriods.flatMap((p) => (s.backup?.retain?.[p] ? [t(`kept.${p}`, { count: s.backup.retain[p] })] : []));
  return [title, t("keep", { count: s.keep }), ...periods].join(t("listSeparator"));
}

/** The Schedules page: the person's snapshot and power schedules with their next and past runs, and a form for a new one. */
export function SchedulesView() {
  const t = useTranslations("schedules");
  const sayNote = useRunNotes();
  const format = useFormatter();
  const when = (ms: number) => format.dateTime(new Date(ms), WHEN_FORMAT);
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const schedules = useQuery({ queryKey: schedulesKey, queryFn: () => api<ScheduleView[]>("/api/schedules"), refetchInterval: 10_000 });
  const guests = useQuery({ queryKey: ["guests", "for-schedules"], queryFn: () => api<GuestListResponse>("/api/guests") });
  const [action, setAction] = useState<ScheduleAction>("snapshot");
  const [targetKind, setTargetKind] = useState<"guest" | "tag">("guest");
  const [guest, setGuest] = useState("");
  const [tag, setTag] = useState("");
  const [preset, setPreset] = useState<Preset | "">("daily");
  const [cron, setCron] = useState("");
  const [timeZone, setTimeZone] = useState("");
  const [keep, setKeep] = useState("7");
  const [backupPool, setBackupPool] = useState("");
  const [backupKind, setBackupKind] = useState<"full" | "incremental">("incremental");
  const [retain, setRetain] = useState<Record<RetentionPeriod, string>>({ daily: "0", weekly: "0", monthly: "0" });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: schedulesKey });
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ id: string }>("/api/schedules", { body }),
    onSuccess: () => {
      toast.success(t("made"));
      refresh();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/schedules/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(t("removed"));
      refresh();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const [hostId = "", uuid = ""] = guest.split("/");
    const body = {
      action,
      target: targetKind === "guest" ? { kind: "guest", hostId, uuid } : { kind: "tag", tag },
      timing: { ...(preset ? { preset } : { cron }), ...(timeZone ? { timeZone } : {}) },
      ...(keepingActions.includes(action) ? { keep: Number(keep) } : {}),
      ...(action === "backup"
        ? {
            backup: { pool: backupPool, kind: backupKind, retain: Object.fromEntries(retentionPeriods.map((p) => [p, Number(retain[p])])) },
          }
        : {}),
    };
    // Checked here for the messages; sent as typed, so the server reads a left-out zone as its own.
    if (errors.validate(createScheduleSchema, body)) create.mutate(body);
  };

  const list = schedules.data ?? [];
  const guestName = (hostId: string, uuid: string) => guests.data?.guests.find((g) => g.hostId === hostId && g.uuid === uuid)?.name ?? uuid;
  return (
    <div className="space-y-6">
      <section aria-labelledby="schedule-list" className="space-y-3">
        <h2 id="schedule-list" className="text-lg font-semibold">
          {t("yours")}
        </h2>
        {schedules.isSuccess && list.length === 0 ? <EmptyState title={t("noneTitle")}>{t("noneBody")}</EmptyState> : null}
        <ul className="space-y-3">
          {list.map((s) => (
            <li key={s.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <div className="flex items-start justify-between gap-4">
                <div>
                  <p className="font-medium">{scheduleTitle(t, s, guestName)}</p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {s.running ? t("runningNow") : t("next", { times: s.upcoming.slice(0, 3).map(when).join(t("listSeparator")) })}
                  </p>
                </div>
                <Button variant="secondary" onClick={() => remove.mutate(s.id)} disabled={remove.isPending}>
                  {t("remove")}
                </Button>
              </div>
              {s.past.length ? (
                <details>
                  <summary className="cursor-pointer text-sm">{t("pastRuns", { count: s.past.length })}</summary>
                  <ul className="mt-2 space-y-1 text-sm">
                    {s.past.map((r) => (
                      <li key={r.at}>
                        <span className={r.result === "ok" ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}>
                          {r.result === "ok" ? t("done") : t("failed")}
                        </span>{" "}
                        {t("runSummary", { at: when(r.at), summary: r.summary.map(sayNote).join("; ") })}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                <p className="text-sm text-slate-500">{t("noRuns")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <form
        onSubmit={submit}
        aria-labelledby="new-schedule"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="new-schedule" className="text-lg font-semibold">
          {t("newSchedule")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("whatItDoes")} error={errors.fields.action}>
            <Select value={action} onChange={(e) => setAction(e.target.value as ScheduleAction)}>
              {scheduleActions.map((a) => (
                <option key={a} value={a}>
                  {t(`action.${a}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("on")} error={errors.fields["target.uuid"] ?? errors.fields["target.tag"] ?? errors.fields.target}>
            <Select value={targetKind} onChange={(e) => setTargetKind(e.target.value as "guest" | "tag")}>
              <option value="guest">{t("oneGuest")}</option>
              <option value="tag">{t("everyTagged")}</option>
            </Select>
          </Field>
          {targetKind === "guest" ? (
            <Field label={t("guest")}>
              <Select value={guest} onChange={(e) => setGuest(e.target.value)}>
                <option value="">{t("chooseGuest")}</option>
                {(guests.data?.guests ?? []).map((g) => (
                  <option key={`${g.hostId}/${g.uuid}`} value={`${g.hostId}/${g.uuid}`}>
                    {g.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <Field label={t("tag")}>
              <Input value={tag} onChange={(e) => setTag(e.target.value)} placeholder={TAG_EXAMPLE} />
            </Field>
          )}
          <Field
            label={t("when")}
            error={errors.fields["timing.cron"]}
            hint={preset ? t(`preset.${preset}`) : t("cronHint", { example: CRON_EXAMPLE })}
          >
            <Select value={preset} onChange={(e) => setPreset(e.target.value as Preset | "")}>
              {(Object.keys(PRESETS) as Preset[]).map((key) => (
                <option key={key} value={key}>
                  {t(`preset.${key}`)}
                </option>
              ))}
              <option value="">{t("cronChoice")}</option>
            </Select>
          </Field>
          {preset ? null : (
            <Field label={t("cron")} error={errors.fields["timing.cron"]}>
              <Input value={cron} onChange={(e) => setCron(e.target.value)} placeholder={CRON_EXAMPLE} />
            </Field>
          )}
          <Field label={t("timeZone")} error={errors.fields["timing.timeZone"]} hint={t("timeZoneHint")}>
            <Input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder={ZONE_EXAMPLE} />
          </Field>
          {action === "backup" ? (
            <>
              <Field label={t("backupPool")} error={errors.fields["backup.pool"]} hint={t("backupPoolHint")}>
                <Input value={backupPool} onChange={(e) => setBackupPool(e.target.value)} placeholder={POOL_EXAMPLE} />
              </Field>
              <Field label={t("eachRun")} hint={t("eachRunHint")}>
                <Select value={backupKind} onChange={(e) => setBackupKind(e.target.value as "full" | "incremental")}>
                  <option value="incremental">{t("incrementalWhenPossible")}</option>
                  <option value="full">{t("alwaysFull")}</option>
                </Select>
              </Field>
            </>
          ) : null}
          {keepingActions.includes(action) ? (
            <Field
              label={action === "backup" ? t("pointsToKeep") : t("snapshotsToKeep")}
              hint={action === "backup" ? t("pointsToKeepHint") : undefined}
              error={errors.fields.keep}
            >
              <Input type="number" min={1} max={KEEP_MAX} value={keep} onChange={(e) => setKeep(e.target.value)} />
            </Field>
          ) : null}
          {action === "backup"
            ? retentionPeriods.map((p) => (
                <Field key={p} label={t(`period.${p}.label`)} hint={t(`period.${p}.hint`)} error={errors.fields[`backup.retain.${p}`]}>
                  <Input
                    type="number"
                    min={0}
                    max={RETAIN_MAX[p]}
                    value={retain[p]}
                    onChange={(e) => setRetain((r) => ({ ...r, [p]: e.target.value }))}
                  />
                </Field>
              ))
            : null}
        </div>
        <Button type="submit" disabled={create.isPending}>
          {t("make")}
        </Button>
      </form>
    </div>
  );
}
