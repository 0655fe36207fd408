"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api, ApiRequestError } from "@/lib/client/api";
import { proposeCopyNames, type ClonePlan } from "@/lib/guests/clone-plan";
import type { GuestRow } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import type { CloneGuestInput } from "@/lib/validations/clone";
import { Dialog } from "@/components/ui/dialog";
import { guestPath, useRefreshGuest } from "./use-guest-actions";
import { useGuestFormat } from "./use-guest-format";

type DiskChoice = { action: "copy" | "share"; volume: string | null };

/** virt-manager's Clone window: a name, and per disk "copy to a new volume" or "share read-only". */
export function CloneDialog({ guest, onClose }: { guest: GuestRow; onClose: () => void }) {
  const t = useTranslations("guestDialogs.clone");
  const plan = useQuery({
    queryKey: ["clone-plan", guest.hostId, guest.uuid],
    queryFn: () => api<ClonePlan>(`${guestPath(guest)}/clone`),
    gcTime: 0,
  });
  return (
    <Dialog open onClose={onClose} title={t("title", { name: guest.name })} wide>
      {plan.data ? (
        <CloneForm guest={guest} plan={plan.data} onClose={onClose} />
      ) : plan.error ? (
        <p role="alert" className="text-sm text-red-600">
          {plan.error.message}
        </p>
      ) : (
        <p className="text-sm text-slate-500">{t("reading")}</p>
      )}
    </Dialog>
  );
}

function CloneForm({ guest, plan, onClose }: { guest: GuestRow; plan: ClonePlan; onClose: () => void }) {
  const t = useTranslations("guestDialogs.clone");
  const tDialogs = useTranslations("guestDialogs");
  const tRefusal = useTranslations("apiErrors");
  const tUi = useTranslations("ui");
  const format = useGuestFormat();
  const refresh = useRefreshGuest();
  const [name, setName] = useState(plan.proposedName);
  const [choices, setChoices] = useState<DiskChoice[]>(() => plan.disks.map((d) => ({ action: d.defaultAction, volume: null })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [job, setJob] = useState<JobView | null>(null);
  const proposals = proposeCopyNames(plan.disks, plan.name, name.trim() || plan.proposedName);
  const volumeFor = (i: number) => choices[i].volume ?? proposals[i] ?? "";
  const clone = useMutation({
    mutationFn: (body: CloneGuestInput) => api<JobView>(`${guestPath(guest)}/clone`, { method: "POST", body }),
    onSuccess: setJob,
    onError: (e) => setErrors(e instanceof ApiRequestError ? { ...e.fields, _: e.message } : { _: e.message }),
  });
  const submit = () => {
    setErrors({});
    clone.mutate({
      name: name.trim(),
      disks: plan.disks.map((d, i) =>
        choices[i].action === "copy"
          ? { target: d.target, action: "copy", volume: volumeFor(i).trim() }
          : { target: d.target, action: "share" },
      ),
    });
  };

  if (job) {
    return (
      <div className="space-y-4">
        <JobProgress job={job} onFinished={() => refresh()} />
        <CloneOutcome job={job} hostId={guest.hostId} onClose={onClose} />
      </div>
    );
  }
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {plan.refusal ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {tRefusal(plan.refusal)}
        </p>
      ) : null}
      <Field label={t("name")} error={errors.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{t("storage")}</legend>
        {plan.disks.length === 0 ? <p className="text-sm text-slate-500">{t("noDisks")}</p> : null}
        {plan.disks.map((d, i) => (
          <div
            key={d.target}
            data-testid="clone-disk"
            data-target={d.target}
            className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
          >
            <div className="flex flex-wrap justify-between gap-2 text-sm">
              <span className="font-medium">
                {d.target} <span className="font-normal text-slate-500">({d.device})</span>
              </span>
              <span className="font-mono text-xs text-slate-600 dark:text-slate-400">
                {d.source ?? t("empty")}
                {d.allocationBytes !== null
                  ? t("usedOf", { used: format.bytes(d.allocationBytes), capacity: format.bytes(d.capacityBytes ?? 0) })
                  : ""}
              </span>
            </div>
            <Select
              aria-label={t("whatToDo", { target: d.target })}
              value={choices[i].action}
              onChange={(e) => setChoices(choices.map((c, j) => (j === i ? { ...c, action: e.target.value as DiskChoice["action"] } : c)))}
            >
              <option value="copy" disabled={d.copyRefusal !== null}>
                {d.pool ? t("copyTo", { pool: d.pool }) : t("copyToItsPool")}
              </option>
              <option value="share">{t("share", { name: plan.name })}</option>
            </Select>
            {d.copyRefusal ? (
              <p className="text-xs text-slate-500">{t(`refusal.${d.copyRefusal.key}`, { format: d.copyRefusal.format ?? "" })}</p>
            ) : null}
            {choices[i].action === "copy" ? (
              <Field label={t("newVolume", { target: d.target })} error={errors[`disks.${i}.volume`]}>
                <Input
                  value={volumeFor(i)}
                  onChange={(e) => setChoices(choices.map((c, j) => (j === i ? { ...c, volume: e.target.value } : c)))}
                  className="font-mono"
                />
              </Field>
            ) : null}
            {errors[`disks.${i}.action`] ? <p className="text-sm text-red-600">{errors[`disks.${i}.action`]}</p> : null}
          </div>
        ))}
      </fieldset>
      {plan.nvram ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("nvram", { path: plan.nvram })}</p> : null}
      <p className="text-xs text-slate-500">{t("newIdentity")}</p>
      {errors._ ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errors._}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" type="button" onClick={onClose}>
          {tUi("cancel")}
        </Button>
        <Button type="submit" disabled={clone.isPending || plan.refusal !== null || name.trim() === ""}>
          {clone.isPending ? tDialogs("starting") : t("clone")}
        </Button>
      </div>
    </form>
  );
}

/** After the job: a link to the new guest, or a way to close after a failure. */
export function CloneOutcome({ job, hostId, onClose }: { job: JobView; hostId: string; onClose: () => void }) {
  const t = useTranslations("guestDialogs");
  const { data } = useQuery({
    queryKey: ["job", job.id],
    queryFn: () => api<JobView>(`/api/jobs/${job.id}`),
    initialData: job,
    enabled: false,
  });
  const made = data.status === "done" ? (data.result as { name: string; uuid: string }) : null;
  return (
    <div className="flex justify-end gap-2">
      {made ? (
        <Link
          href={`/guests/${encodeURIComponent(hostId)}/${made.uuid}`}
          className="rounded-md bg-blue-600 px-3 py-2 text-sm font-medium text-white hover:bg-blue-700"
          onClick={onClose}
        >
          {t("openNamed", { name: made.name })}
        </Link>
      ) : null}
      <Button variant="secondary" onClick={onClose}>
        {data.status === "running" ? t("hide") : t("close")}
      </Button>
    </div>
  );
}
