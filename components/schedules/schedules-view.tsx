"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

const schedulesKey = ["schedules"] as const;
const actionLabels: Record<ScheduleAction, string> = {
  snapshot: "Take a snapshot",
  backup: "Back up",
  start: "Start",
  shutdown: "Shut down",
};
const periodLabels: Record<RetentionPeriod, { label: string; hint: string }> = {
  daily: { label: "Daily points to keep", hint: "The newest point of each of this many days" },
  weekly: { label: "Weekly points to keep", hint: "The newest point of each of this many weeks (Monday to Sunday)" },
  monthly: { label: "Monthly points to keep", hint: "The newest point of each of this many months" },
};
const when = (ms: number) => new Date(ms).toLocaleString();

/** The Schedules page: the person's snapshot and power schedules with their next and past runs, and a form for a new one. */
export function SchedulesView() {
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
      toast.success("Schedule made");
      refresh();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/schedules/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Schedule removed");
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
  return (
    <div className="space-y-6">
      <section aria-labelledby="schedule-list" className="space-y-3">
        <h2 id="schedule-list" className="text-lg font-semibold">
          Your schedules
        </h2>
        {schedules.isSuccess && list.length === 0 ? (
          <EmptyState title="No schedules yet">
            Make one below: snapshots kept for a number of runs, or a guest started or shut down at set times.
          </EmptyState>
        ) : null}
        <ul className="space-y-3">
          {list.map((s) => (
            <li key={s.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <div className="flex items-start justify-between gap-4">
                <div>
                  <p className="font-medium">{s.label}</p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {s.running ? "Running now" : `Next: ${s.upcoming.slice(0, 3).map(when).join(", ")}`}
                  </p>
                </div>
                <Button variant="secondary" onClick={() => remove.mutate(s.id)} disabled={remove.isPending}>
                  Remove
                </Button>
              </div>
              {s.past.length ? (
                <details>
                  <summary className="cursor-pointer text-sm">Past runs ({s.past.length})</summary>
                  <ul className="mt-2 space-y-1 text-sm">
                    {s.past.map((r) => (
                      <li key={r.at}>
                        <span className={r.result === "ok" ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}>
                          {r.result === "ok" ? "Done" : "Failed"}
                        </span>{" "}
                        {when(r.at)}: {r.summary.join("; ")}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                <p className="text-sm text-slate-500">No runs yet.</p>
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
          New schedule
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="What it does" error={errors.fields.action}>
            <Select value={action} onChange={(e) => setAction(e.target.value as ScheduleAction)}>
              {scheduleActions.map((a) => (
                <option key={a} value={a}>
                  {actionLabels[a]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="On" error={errors.fields["target.uuid"] ?? errors.fields["target.tag"] ?? errors.fields.target}>
            <Select value={targetKind} onChange={(e) => setTargetKind(e.target.value as "guest" | "tag")}>
              <option value="guest">One guest</option>
              <option value="tag">Every guest with a tag</option>
            </Select>
          </Field>
          {targetKind === "guest" ? (
            <Field label="Guest">
              <Select value={guest} onChange={(e) => setGuest(e.target.value)}>
                <option value="">Choose a guest</option>
                {(guests.data?.guests ?? []).map((g) => (
                  <option key={`${g.hostId}/${g.uuid}`} value={`${g.hostId}/${g.uuid}`}>
                    {g.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <Field label="Tag">
              <Input value={tag} onChange={(e) => setTag(e.target.value)} placeholder="branch-berlin" />
            </Field>
          )}
          <Field
            label="When"
            error={errors.fields["timing.cron"]}
            hint={preset ? PRESETS[preset].label : "minute hour day month weekday, e.g. 30 2 * * 1-5"}
          >
            <Select value={preset} onChange={(e) => setPreset(e.target.value as Preset | "")}>
              {Object.entries(PRESETS).map(([key, p]) => (
                <option key={key} value={key}>
                  {p.label}
                </option>
              ))}
              <option value="">A cron expression…</option>
            </Select>
          </Field>
          {preset ? null : (
            <Field label="Cron expression" error={errors.fields["timing.cron"]}>
              <Input value={cron} onChange={(e) => setCron(e.target.value)} placeholder="30 2 * * 1-5" />
            </Field>
          )}
          <Field label="Time zone" error={errors.fields["timing.timeZone"]} hint="Left empty: the console server's time zone">
            <Input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="Europe/Berlin" />
          </Field>
          {action === "backup" ? (
            <>
              <Field label="Backup pool" error={errors.fields["backup.pool"]} hint="A directory pool on the guest's host">
                <Input value={backupPool} onChange={(e) => setBackupPool(e.target.value)} placeholder="backups" />
              </Field>
              <Field
                label="Each run"
                hint="Incremental runs copy only what changed; the first run, and any run after a break in the chain, is full"
              >
                <Select value={backupKind} onChange={(e) => setBackupKind(e.target.value as "full" | "incremental")}>
                  <option value="incremental">Incremental when possible</option>
                  <option value="full">Always full</option>
                </Select>
              </Field>
            </>
          ) : null}
          {keepingActions.includes(action) ? (
            <Field
              label={action === "backup" ? "Restore points to keep" : "Snapshots to keep"}
              hint={action === "backup" ? "The newest this many; a point that any of the rules below keeps stays too" : undefined}
              error={errors.fields.keep}
            >
              <Input type="number" min={1} max={KEEP_MAX} value={keep} onChange={(e) => setKeep(e.target.value)} />
            </Field>
          ) : null}
          {action === "backup"
            ? retentionPeriods.map((p) => (
                <Field key={p} label={periodLabels[p].label} hint={periodLabels[p].hint} error={errors.fields[`backup.retain.${p}`]}>
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
          Make schedule
        </Button>
      </form>
    </div>
  );
}
