"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useRef, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { queryKeys } from "@/lib/client/live-keys";
import { useUnits } from "@/lib/client/use-units";
import type { PoolRow, VolumeRow } from "@/lib/storage/types";
import { uploadQuerySchema, volumeNameSchema } from "@/lib/validations/storage";
import { ProgressBar } from "./progress";
import { volumePath } from "./storage-api";

type Phase =
  | { step: "choose" }
  | { step: "uploading"; loaded: number; total: number; bytesPerSec: number | null }
  | { step: "verifying" }
  | { step: "done"; sha256: string }
  | { step: "failed"; message: string };

/** A file name as a volume name: characters the naming rules refuse become '-'. */
const volumeNameFrom = (file: string) =>
  file
    .replace(/[^A-Za-z0-9._+-]/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/\.\.+/g, ".");

/** Bytes per second over the last two seconds of progress events. */
function speedometer() {
  const samples: { at: number; loaded: number }[] = [];
  return (loaded: number): number | null => {
    const now = performance.now();
    samples.push({ at: now, loaded });
    while (samples.length > 2 && now - samples[0].at > 2000) samples.shift();
    const first = samples[0];
    return now - first.at > 250 ? ((loaded - first.loaded) * 1000) / (now - first.at) : null;
  };
}

/**
 * Uploads a file (an installer ISO above all) from the browser into a new or existing volume, through
 * libvirt's volume stream on the server. Shows progress and speed, can be cancelled (nothing is kept),
 * and ends with the SHA-256 of what the host stored, compared with the expected one if given.
 */
export function UploadDialog({
  pool,
  volumes,
  onClose,
  onUploaded,
}: {
  pool: Pick<PoolRow, "hostId" | "name" | "availableBytes">;
  volumes: Pick<VolumeRow, "name">[];
  onClose: () => void;
  /** Called with the volume's name once the host stored and verified it. */
  onUploaded?: (volume: string) => void;
}) {
  const t = useTranslations("storage");
  const issueText = useIssueText();
  const tUi = useTranslations("ui");
  const units = useUnits();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [intoExisting, setIntoExisting] = useState(false);
  const [name, setName] = useState("");
  const [existing, setExisting] = useState(volumes[0]?.name ?? "");
  const [sha256, setSha256] = useState("");
  const [fieldError, setFieldError] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const request = useRef<XMLHttpRequest | null>(null);

  const start = () => {
    if (!file) return setFieldError({ file: t("chooseFile") });
    const target = intoExisting ? existing : name;
    const checkedName = intoExisting ? { success: true as const } : volumeNameSchema.safeParse(target);
    const query = uploadQuerySchema.safeParse({
      sizeBytes: file.size,
      create: intoExisting ? "0" : "1",
      sha256: sha256.trim() || undefined,
    });
    if (!checkedName.success || !query.success) {
      return setFieldError({
        ...(checkedName.success ? {} : { name: issueText(checkedName.error.issues[0]) }),
        ...(query.success ? {} : Object.fromEntries(query.error.issues.map((i) => [String(i.path[0]), issueText(i)]))),
      });
    }
    setFieldError({});
    const params = new URLSearchParams({
      sizeBytes: String(file.size),
      create: intoExisting ? "0" : "1",
      ...(query.data.sha256 ? { sha256: query.data.sha256 } : {}),
    });
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    const speed = speedometer();
    xhr.open("PUT", `${volumePath(pool.hostId, pool.name, target)}/upload?${params}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) =>
      setPhase({ step: "uploading", loaded: e.loaded, total: e.total || file.size, bytesPerSec: speed(e.loaded) });
    xhr.upload.onload = () => setPhase({ step: "verifying" });
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as { sha256?: string; error?: string };
        } catch {
          return {};
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300 && body.sha256) {
        setPhase({ step: "done", sha256: body.sha256 });
        onUploaded?.(target);
      } else setPhase({ step: "failed", message: body.error ?? t("uploadFailed", { status: xhr.status }) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.pools(pool.hostId) });
    };
    xhr.onerror = () => setPhase({ step: "failed", message: t("connectionLost") });
    xhr.onabort = () => {
      setPhase({ step: "failed", message: t("uploadCancelled") });
      void queryClient.invalidateQueries({ queryKey: queryKeys.pools(pool.hostId) });
    };
    setPhase({ step: "uploading", loaded: 0, total: file.size, bytesPerSec: null });
    xhr.send(file);
  };

  const busy = phase.step === "uploading" || phase.step === "verifying";
  const footer = busy ? (
    <Button variant="danger" disabled={phase.step === "verifying"} onClick={() => request.current?.abort()}>
      {t("cancelUpload")}
    </Button>
  ) : phase.step === "done" ? (
    <Button onClick={onClose}>{t("close")}</Button>
  ) : (
    <>
      <Button variant="secondary" onClick={onClose}>
        {tUi("cancel")}
      </Button>
      <Button onClick={start}>{t("uploadButton")}</Button>
    </>
  );

  return (
    <Dialog open onClose={busy ? () => undefined : onClose} title={t("uploadInto", { pool: pool.name })} footer={footer}>
      <Field label={t("file")} error={fieldError.file ?? fieldError.sizeBytes}>
        <Input
          type="file"
          disabled={busy}
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            if (chosen && !name) setName(volumeNameFrom(chosen.name));
          }}
        />
      </Field>
      {file ? (
        <p className="text-slate-600 dark:text-slate-400">
          {t("fileAndFree", { size: units.bytes(file.size), free: units.bytes(pool.availableBytes) })}
        </p>
      ) : null}
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={intoExisting}
          disabled={busy || volumes.length === 0}
          onChange={(e) => setIntoExisting(e.target.checked)}
        />{" "}
        {t("overwrite")}
      </label>
      {intoExisting ? (
        <Field label={t("volume")}>
          <Select value={existing} disabled={busy} onChange={(e) => setExisting(e.target.value)}>
            {volumes.map((v) => (
              <option key={v.name}>{v.name}</option>
            ))}
          </Select>
        </Field>
      ) : (
        <Field label={t("newVolumeName")} error={fieldError.name}>
          <Input value={name} disabled={busy} onChange={(e) => setName(e.target.value)} />
        </Field>
      )}
      <Field label={t("expectedSha")} hint={t("expectedShaHint")} error={fieldError.sha256}>
        <Input value={sha256} disabled={busy} onChange={(e) => setSha256(e.target.value)} className="font-mono text-xs" />
      </Field>
      {phase.step === "uploading" ? (
        <div className="space-y-1" data-testid="upload-progress">
          <div className="flex justify-between text-xs text-slate-600 tabular-nums dark:text-slate-400">
            <span>{t("bytesOf", { done: units.bytes(phase.loaded), total: units.bytes(phase.total) })}</span>
            <span>{units.rate(phase.bytesPerSec)}</span>
          </div>
          <ProgressBar done={phase.loaded} total={phase.total} label={t("uploadProgress")} />
        </div>
      ) : null}
      {phase.step === "verifying" ? <p role="status">{t("verifying")}</p> : null}
      {phase.step === "done" ? (
        <p role="status" className="text-emerald-700 dark:text-emerald-400">
          {t("verified")}{" "}
          <span data-testid="upload-sha256" className="font-mono text-xs break-all">
            {phase.sha256}
          </span>
        </p>
      ) : null}
      {phase.step === "failed" ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {phase.message}
        </p>
      ) : null}
    </Dialog>
  );
}
