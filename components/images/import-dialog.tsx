"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { ProgressBar } from "@/components/storage/progress";
import { fetchPools } from "@/components/storage/storage-api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { api, ApiRequestError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useUnits } from "@/lib/client/use-units";
import { isOvaName } from "@/lib/images/types";
import type { JobView } from "@/lib/jobs/types";
import type { OsOption } from "@/lib/new-guest/types";
import { imageUploadQuerySchema, imageUrlImportSchema } from "@/lib/validations/images";
import { useIssueText } from "@/lib/client/use-issue-text";
import { imagesPath, imagesQueryKey, volumeNameFor } from "./images-api";
import { ImportProgress } from "./import-progress";
import { OsDownloadPicker } from "./os-download-picker";

type Phase =
  | { step: "choose" }
  | { step: "uploading"; loaded: number; total: number }
  | { step: "job"; job: JobView }
  | { step: "failed"; message: string };

const SOURCES = ["upload", "url", "os"] as const;
const FILE_TYPES = ".qcow2,.qcow,.img,.raw,.vmdk,.vhdx,.vhd,.vdi";
const EXAMPLE_URL = "https://cloud.example.org/images/disk.qcow2";

/**
 * Imports a disk image into one of the host's pools, from a file in the browser or a URL the console
 * fetches: the bar follows the upload, then the console's job (converting, copying to the host). The OS
 * is read from the file's name unless the person picks one from osinfo's list.
 */
export function ImportImageDialog({ hostId, onClose }: { hostId: string; onClose: () => void }) {
  const t = useTranslations("imageLibrary");
  const tUi = useTranslations("ui");
  const issueText = useIssueText();
  const units = useUnits();
  const queryClient = useQueryClient();
  const pools = useQuery({ queryKey: queryKeys.pools(hostId), queryFn: () => fetchPools(hostId) });
  const running = (pools.data ?? []).filter((p) => p.state === "running");
  const [kind, setKind] = useState<(typeof SOURCES)[number]>("upload");
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState("");
  const [pool, setPool] = useState("");
  const [name, setName] = useState("");
  const [sha256, setSha256] = useState("");
  const [osQuery, setOsQuery] = useState("");
  const [osId, setOsId] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const request = useRef<XMLHttpRequest | null>(null);
  const systems = useQuery({
    queryKey: ["osinfo", osQuery, false],
    queryFn: () => api<{ systems: OsOption[] }>(`/api/osinfo?q=${encodeURIComponent(osQuery)}&eol=0`),
    enabled: osQuery.trim().length >= 2,
  });
  const chosenPool = pool || running[0]?.name || "";
  const source = kind === "upload" ? (file?.name ?? "") : url;
  const ova = source !== "" && isOvaName(source);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: imagesQueryKey(hostId) }), [queryClient, hostId]);

  const failed = (err: unknown) => {
    if (err instanceof ApiRequestError && Object.keys(err.fields).length) setFields(err.fields);
    setPhase({ step: "failed", message: (err as Error).message });
  };

  const start = () => {
    const common = { pool: chosenPool, name, sha256: sha256.trim(), osId: osId || undefined };
    const parsed =
      kind === "upload"
        ? imageUploadQuerySchema.safeParse({ ...common, fileName: file?.name ?? "", sizeBytes: file?.size ?? 0 })
        : imageUrlImportSchema.safeParse({ ...common, url });
    if (!file && kind === "upload") return setFields({ file: t("chooseFile") });
    if (!parsed.success) return setFields(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), issueText(i)])));
    setFields({});
    if (kind !== "upload")
      return void api<JobView>(imagesPath(hostId), { body: parsed.data })
        .then((job) => setPhase({ step: "job", job }))
        .catch(failed);
    const params = new URLSearchParams(
      Object.entries(parsed.data).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, String(v)]])),
    );
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("PUT", `${imagesPath(hostId)}/upload?${params}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => setPhase({ step: "uploading", loaded: e.loaded, total: e.total || file!.size });
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as JobView & { error?: string; fields?: Record<string, string> };
        } catch {
          return null;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300 && body?.id) return setPhase({ step: "job", job: body });
      if (body?.fields) setFields(body.fields);
      setPhase({ step: "failed", message: body?.error ?? t("uploadFailed", { status: xhr.status }) });
    };
    xhr.onerror = () => setPhase({ step: "failed", message: t("connectionLost") });
    xhr.onabort = () => setPhase({ step: "failed", message: t("cancelled") });
    setPhase({ step: "uploading", loaded: 0, total: file!.size });
    xhr.send(file);
  };

  const busy = phase.step === "uploading" || (phase.step === "job" && phase.job.status === "running");
  const footer =
    phase.step === "uploading" ? (
      <Button variant="danger" onClick={() => request.current?.abort()}>
        {t("cancelUpload")}
      </Button>
    ) : phase.step === "job" ? (
      <Button onClick={onClose}>{t("close")}</Button>
    ) : (
      <>
        <Button variant="secondary" onClick={onClose}>
          {tUi("cancel")}
        </Button>
        <Button onClick={start} disabled={ova || running.length === 0}>
          {t("importButton")}
        </Button>
      </>
    );
  const editing = phase.step === "choose" || phase.step === "failed";
  return (
    <Dialog open onClose={busy ? () => undefined : onClose} title={t("importTitle")} footer={footer} wide>
      <fieldset className="flex gap-4" disabled={!editing}>
        <legend className="sr-only">{t("from")}</legend>
        {SOURCES.map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input type="radio" name="image-source" checked={kind === k} onChange={() => setKind(k)} /> {t(`source.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === "upload" ? (
        <Field label={t("file")} hint={t("fileHint")} error={fields.file ?? fields.sizeBytes ?? fields.fileName}>
          <Input
            type="file"
            accept={FILE_TYPES}
            disabled={!editing}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen) setName(volumeNameFor(chosen.name));
            }}
          />
        </Field>
      ) : kind === "os" ? (
        <OsDownloadPicker
          hostId={hostId}
          disabled={!editing}
          error={fields.url}
          onPick={(image) => {
            setUrl(image?.url ?? "");
            setOsId(image?.osId ?? "");
            setName(image ? volumeNameFor(image.url) : "");
          }}
        />
      ) : (
        <Field label={t("url")} hint={t("urlHint")} error={fields.url}>
          <Input
            value={url}
            disabled={!editing}
            placeholder={EXAMPLE_URL}
            onChange={(e) => {
              setUrl(e.target.value);
              if (!name || name === volumeNameFor(url)) setName(volumeNameFor(e.target.value));
            }}
          />
        </Field>
      )}
      {ova ? (
        <p role="alert" className="text-amber-700 dark:text-amber-400">
          {t("ovaHint")}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("pool")} error={fields.pool}>
          <Select value={chosenPool} disabled={!editing} onChange={(e) => setPool(e.target.value)}>
            {running.map((p) => (
              <option key={p.name} value={p.name}>
                {t("poolFree", { pool: p.name, free: units.bytes(p.availableBytes) })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("volumeName")} error={fields.name}>
          <Input value={name} disabled={!editing} onChange={(e) => setName(e.target.value)} />
        </Field>
      </div>
      <div className={kind === "os" ? "hidden" : "grid gap-3 sm:grid-cols-2"}>
        <Field label={t("osSearch")} hint={t("osHint")}>
          <Input value={osQuery} disabled={!editing} placeholder={t("osPlaceholder")} onChange={(e) => setOsQuery(e.target.value)} />
        </Field>
        <Field label={t("os")} error={fields.osId}>
          <Select value={osId} disabled={!editing} onChange={(e) => setOsId(e.target.value)}>
            <option value="">{t("osFromName")}</option>
            {(systems.data?.systems ?? []).map((os) => (
              <option key={os.id} value={os.id}>
                {os.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t("expectedSha")} hint={t("expectedShaHint")} error={fields.sha256}>
        <Input value={sha256} disabled={!editing} onChange={(e) => setSha256(e.target.value)} className="font-mono text-xs" />
      </Field>
      {phase.step === "uploading" ? (
        <div className="space-y-1" data-testid="import-progress" data-status="running">
          <div className="flex justify-between text-xs text-slate-600 tabular-nums dark:text-slate-400">
            <span>{t("phase.receiving")}</span>
            <span>{t("bytesOf", { done: units.bytes(phase.loaded), total: units.bytes(phase.total) })}</span>
          </div>
          <ProgressBar done={phase.loaded} total={phase.total} label={t("phase.receiving")} />
        </div>
      ) : null}
      {phase.step === "job" ? <ImportProgress job={phase.job} onFinished={refresh} /> : null}
      {phase.step === "failed" ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {phase.message}
        </p>
      ) : null}
    </Dialog>
  );
}
