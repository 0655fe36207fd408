"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ProgressBar } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useUnits } from "@/lib/client/use-units";
import type { JobView } from "@/lib/jobs/types";
import type { OsAdvice } from "@/lib/new-guest/types";
import type { OvaSummary } from "@/lib/ova/summary";
import type { Draft } from "./draft";
import type { StepProps } from "./steps-source";
import { UnmappedList } from "./unmapped-list";

const OVA_ACCEPT = ".ova,application/x-tar,application/ovf";

type Phase =
  { step: "choose" } | { step: "uploading"; loaded: number; total: number } | { step: "checking" } | { step: "failed"; message: string };

/** The wizard's answers as the appliance describes them (the person may change each in the later steps). */
async function answersFrom(summary: OvaSummary): Promise<Partial<Draft>> {
  const advice = summary.os ? await api<OsAdvice>(`/api/osinfo?id=${encodeURIComponent(summary.os)}`).catch(() => null) : null;
  return {
    ova: summary,
    name: summary.guestName,
    vcpus: String(summary.vcpus),
    memoryMiB: String(summary.memoryMiB),
    firmware: summary.firmware ?? "auto",
    nicModel: summary.nicModel ?? "",
    // Not "detected from the install media": the OS step names the OS the appliance said, without that note.
    ...(summary.os ? { os: summary.os, osLabel: advice?.os?.name ?? summary.os, advice, detected: null } : {}),
  };
}

/**
 * "Import a virtual appliance (OVA)": the file goes to the console with a progress bar, is checked there
 * (tar, manifest digests, OVF, disks) and fills the wizard's steps; what cannot be carried over is listed.
 * Its disks are converted into the chosen pool at Finish, which opens the guest for customizing.
 */
export function OvaSource({ draft, set, context, fields }: Pick<StepProps, "draft" | "set" | "context" | "fields">) {
  const t = useTranslations("ovaImport");
  const units = useUnits();
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState("");
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const request = useRef<XMLHttpRequest | null>(null);

  const upload = () => {
    if (!file) return setPhase({ step: "failed", message: t("chooseFile") });
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", `/api/hosts/${encodeURIComponent(draft.hostId)}/new-guest/ova?sizeBytes=${file.size}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => setPhase({ step: "uploading", loaded: e.loaded, total: e.total || file.size });
    xhr.upload.onload = () => setPhase({ step: "checking" });
    xhr.onload = async () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as OvaSummary & { error?: string };
        } catch {
          return null;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300 && body?.upload) {
        set(await answersFrom(body));
        setPhase({ step: "choose" });
      } else setPhase({ step: "failed", message: body?.error ?? t("failed", { status: xhr.status }) });
    };
    xhr.onerror = () => setPhase({ step: "failed", message: t("connectionLost") });
    xhr.onabort = () => setPhase({ step: "failed", message: t("cancelled") });
    set({ ova: null });
    setPhase({ step: "uploading", loaded: 0, total: file.size });
    xhr.send(file);
  };
  /** The console downloads the appliance itself, then checks it as an upload. */
  const download = () => {
    set({ ova: null });
    setPhase({ step: "checking" });
    api<OvaSummary>(`/api/hosts/${encodeURIComponent(draft.hostId)}/new-guest/ova/url`, { body: { url } })
      .then(async (summary) => {
        set(await answersFrom(summary));
        setPhase({ step: "choose" });
      })
      .catch((err: Error) => setPhase({ step: "failed", message: err.message }));
  };
  const busy = phase.step === "uploading" || phase.step === "checking";
  const summary = draft.ova;

  return (
    <div className="space-y-3" data-testid="ova-source">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("file")} hint={t("fileHint")} error={fields["install.upload"]}>
          <input
            type="file"
            accept={OVA_ACCEPT}
            disabled={busy}
            className="text-sm"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPhase({ step: "choose" });
            }}
          />
        </Field>
        <Field label={t("pool")} error={fields["install.pool"]}>
          <Select value={draft.ovaPool} onChange={(e) => set({ ovaPool: e.target.value })}>
            {context.pools.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({units.bytes(p.availableBytes)})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" disabled={busy || !file} onClick={upload}>
          {t("upload")}
        </Button>
        {phase.step === "uploading" ? (
          <Button variant="danger" onClick={() => request.current?.abort()}>
            {t("cancelUpload")}
          </Button>
        ) : null}
      </div>
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Field label={t("fromUrl")} hint={t("fromUrlHint")}>
            <Input value={url} disabled={busy} onChange={(e) => setUrl(e.target.value)} />
          </Field>
        </div>
        <Button variant="secondary" disabled={busy || url.trim() === ""} onClick={download}>
          {t("download")}
        </Button>
      </div>
      {phase.step === "uploading" ? (
        <div className="space-y-1">
          <progress className="w-full" max={phase.total} value={phase.loaded} aria-label={t("file")} />
          <p role="status" className="text-sm">
            {t("uploading", { done: units.bytes(phase.loaded), total: units.bytes(phase.total) })}
          </p>
        </div>
      ) : null}
      {phase.step === "checking" ? (
        <p role="status" className="text-sm">
          {t("checking")}
        </p>
      ) : null}
      {phase.step === "failed" ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {phase.message}
        </p>
      ) : null}
      {summary ? (
        <div className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="ova-summary">
          <p>
            {t("summary", {
              name: summary.name,
              vcpus: summary.vcpus,
              memory: units.bytes(summary.memoryMiB * 1024 * 1024),
              nics: summary.nics,
            })}
          </p>
          <ul className="list-inside list-disc">
            {summary.disks.map((d) => (
              <li key={d.file}>{t("disk", { file: d.file, size: units.bytes(d.virtualBytes), format: d.format })}</li>
            ))}
          </ul>
          <UnmappedList items={summary.unmapped} />
          <p className="text-slate-600 dark:text-slate-400">{t("atFinish")}</p>
        </div>
      ) : null}
    </div>
  );
}

/** Finish's conversion of the appliance's disks, followed twice a second through its job. */
export function OvaProgress({ hostId, upload }: { hostId: string; upload: string }) {
  const t = useTranslations("ovaImport");
  const units = useUnits();
  const progress = useQuery({
    queryKey: ["ova-progress", hostId, upload],
    queryFn: () =>
      api<{ job: JobView | null }>(`/api/hosts/${encodeURIComponent(hostId)}/new-guest/ova?upload=${encodeURIComponent(upload)}`),
    refetchInterval: 500,
  });
  const job = progress.data?.job;
  const detail = job?.detail as { phase?: string; disk?: number; disks?: number } | undefined;
  return (
    <div role="status" className="space-y-1 text-sm" data-testid="ova-progress">
      <p>
        {detail?.disk
          ? t("progress", {
              phase: detail.phase ?? "convert",
              disk: detail.disk,
              disks: detail.disks ?? 1,
              percent: units.percent(job && job.total > 0 ? (job.done / job.total) * 100 : 0),
            })
          : t("converting")}
      </p>
      <ProgressBar done={job?.done ?? 0} total={job?.total ?? 0} label={t("converting")} />
    </div>
  );
}
