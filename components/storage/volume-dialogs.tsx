"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useUnits } from "@/lib/client/use-units";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { JobView } from "@/lib/jobs/types";
import { isCdImage } from "@/lib/storage/cd-image";
import { volumeFormats, type PoolRow, type VolumeRow } from "@/lib/storage/types";
import { cloneVolumeSchema, createVolumeSchema, resizeVolumeSchema } from "@/lib/validations/storage";
import { JobProgress } from "./progress";
import { bytesToGib, gibToBytes, poolPath, startJob, volumePath } from "./storage-api";

/** A file name, not a word: the same in every language. */
const EXAMPLE_VOLUME_NAME = "disk1.qcow2";

export type VolumeDialog = { kind: "new" } | { kind: "resize" | "clone" | "delete"; volume: VolumeRow } | null;

const problemText = (text: string | null) =>
  text ? (
    <p role="alert" className="text-red-600 dark:text-red-400">
      {text}
    </p>
  ) : null;

/** The submit/cancel pair every volume dialog ends with; after a job starts, only Close remains. */
function Footer({
  busy,
  label,
  onSubmit,
  onClose,
  started,
}: {
  busy: boolean;
  label: string;
  onSubmit: () => void;
  onClose: () => void;
  started: boolean;
}) {
  const t = useTranslations("storage");
  const tUi = useTranslations("ui");
  return started ? (
    <Button onClick={onClose}>{t("close")}</Button>
  ) : (
    <>
      <Button variant="secondary" onClick={onClose}>
        {tUi("cancel")}
      </Button>
      <Button disabled={busy} onClick={onSubmit}>
        {label}
      </Button>
    </>
  );
}

/** One mutation with the form's error handling; refreshes the pool when it settles. */
function useVolumeMutation<T>(pool: PoolRow, run: (body: T) => Promise<unknown>, onDone?: (result: unknown) => void) {
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onMutate: () => setProblem(null),
    onSuccess: (result) => onDone?.(result),
    onError: (e) => setProblem(errors.fromError(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.pools(pool.hostId) }),
  });
  // A job's volume appears when the job ends, not when it starts.
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.pools(pool.hostId) }),
    [queryClient, pool.hostId],
  );
  return { mutation, errors, problem, refresh };
}

export function NewVolumeDialog({ pool, volumes, onClose }: { pool: PoolRow; volumes: VolumeRow[]; onClose: () => void }) {
  const t = useTranslations("storage");
  const units = useUnits();
  const [name, setName] = useState("");
  const [format, setFormat] = useState<(typeof volumeFormats)[number]>("qcow2");
  const [gib, setGib] = useState("20");
  const [allocateNow, setAllocateNow] = useState(false);
  const [backing, setBacking] = useState("");
  const [overcommit, setOvercommit] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);
  const { mutation, errors, problem, refresh } = useVolumeMutation(
    pool,
    (body: unknown) => startJob(`${poolPath(pool.hostId, pool.name)}/volumes`, body),
    (j) => setJob(j as JobView),
  );
  const capacityBytes = gibToBytes(gib);
  const submit = () => {
    const body = errors.validate(createVolumeSchema, {
      name,
      format,
      capacityBytes,
      allocateNow,
      backingVolume: backing || undefined,
      overcommit,
    });
    if (body) mutation.mutate(body);
  };
  const overFree = capacityBytes > pool.availableBytes;
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("newVolumeIn", { pool: pool.name })}
      footer={<Footer busy={mutation.isPending} label={t("finish")} onSubmit={submit} onClose={onClose} started={job !== null} />}
    >
      <p className="text-slate-600 dark:text-slate-400">{t("freeInPool", { size: units.bytes(pool.availableBytes) })}</p>
      <Field label={t("name")} error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={EXAMPLE_VOLUME_NAME} autoFocus />
      </Field>
      <Field label={t("col.format")}>
        <Select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
          {volumeFormats.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </Select>
      </Field>
      <Field label={t("maxCapacity")} error={errors.fields.capacityBytes}>
        <Input inputMode="decimal" value={gib} onChange={(e) => setGib(e.target.value)} />
      </Field>
      {format === "qcow2" ? (
        <Field label={t("backingVolume")} hint={t("backingHint")} error={errors.fields.backingVolume}>
          <Select value={backing} onChange={(e) => setBacking(e.target.value)}>
            <option value="">{t("none")}</option>
            {/* A disk image can back a new volume; an installer ISO cannot. */}
            {volumes
              .filter((v) => !isCdImage(v))
              .map((v) => (
                <option key={v.name}>{v.name}</option>
              ))}
          </Select>
        </Field>
      ) : null}
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={allocateNow}
          disabled={Boolean(backing)}
          onChange={(e) => setAllocateNow(e.target.checked)}
          className="mt-1"
        />
        <span>
          {t("allocateNow")}
          <span className="block text-xs text-slate-500">{allocateNow ? t("allocateNowHint") : t("sparseHint")}</span>
        </span>
      </label>
      {overFree && !allocateNow ? (
        <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          <input type="checkbox" checked={overcommit} onChange={(e) => setOvercommit(e.target.checked)} className="mt-1" />
          <span>{t("overcommit")}</span>
        </label>
      ) : null}
      {problemText(problem)}
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function ResizeVolumeDialog({ pool, volume, onClose }: { pool: PoolRow; volume: VolumeRow; onClose: () => void }) {
  const t = useTranslations("storage");
  const units = useUnits();
  const [gib, setGib] = useState(bytesToGib(volume.capacityBytes));
  const [confirmShrink, setConfirmShrink] = useState(false);
  const { mutation, errors, problem } = useVolumeMutation(
    pool,
    (body: unknown) => api(volumePath(pool.hostId, pool.name, volume.name), { method: "PATCH", body }),
    onClose,
  );
  const capacityBytes = gibToBytes(gib);
  const submit = () => {
    const body = errors.validate(resizeVolumeSchema, { capacityBytes, confirmShrink });
    if (body) mutation.mutate(body);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("resizeTitle", { name: volume.name })}
      footer={<Footer busy={mutation.isPending} label={t("resizeLabel")} onSubmit={submit} onClose={onClose} started={false} />}
    >
      <p>{t("resizeNow", { size: units.bytes(volume.capacityBytes) })}</p>
      <Field label={t("newCapacity")} error={errors.fields.capacityBytes}>
        <Input inputMode="decimal" value={gib} onChange={(e) => setGib(e.target.value)} />
      </Field>
      {capacityBytes < volume.capacityBytes ? (
        <label className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-200">
          <input type="checkbox" checked={confirmShrink} onChange={(e) => setConfirmShrink(e.target.checked)} className="mt-1" />
          <span>{t("shrink")}</span>
        </label>
      ) : null}
      {problemText(problem)}
    </Dialog>
  );
}

export function CloneVolumeDialog({ pool, volume, onClose }: { pool: PoolRow; volume: VolumeRow; onClose: () => void }) {
  const t = useTranslations("storage");
  const units = useUnits();
  const [name, setName] = useState(volume.name.replace(/(\.[^.]+)?$/, (ext) => `-clone${ext}`));
  const [job, setJob] = useState<JobView | null>(null);
  const { mutation, errors, problem, refresh } = useVolumeMutation(
    pool,
    (body: unknown) => startJob(`${volumePath(pool.hostId, pool.name, volume.name)}/clone`, body),
    (j) => setJob(j as JobView),
  );
  const submit = () => {
    const body = errors.validate(cloneVolumeSchema, { name });
    if (body) mutation.mutate(body);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("cloneTitle", { name: volume.name })}
      footer={<Footer busy={mutation.isPending} label={t("cloneLabel")} onSubmit={submit} onClose={onClose} started={job !== null} />}
    >
      <p>{t("cloneBody", { size: units.bytes(volume.allocationBytes) })}</p>
      <Field label={t("copyName")} error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      {problemText(problem)}
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function DeleteVolumeDialog({ pool, volume, onClose }: { pool: PoolRow; volume: VolumeRow; onClose: () => void }) {
  const t = useTranslations("storage");
  const units = useUnits();
  const format = useFormatter();
  const [evenIfUsed, setEvenIfUsed] = useState(false);
  const { mutation, problem } = useVolumeMutation(
    pool,
    () => api(volumePath(pool.hostId, pool.name, volume.name), { method: "DELETE", body: { evenIfUsed } }),
    onClose,
  );
  const running = volume.usedBy.filter((u) => u.running);
  return (
    <ConfirmDialog
      open
      title={t("deleteVolumeTitle", { name: volume.name })}
      confirmLabel={t("deleteVolume")}
      danger
      busy={mutation.isPending || running.length > 0 || (volume.usedBy.length > 0 && !evenIfUsed)}
      onConfirm={() => mutation.mutate()}
      onCancel={onClose}
    >
      <p>{t("deleteVolumeBody", { size: units.bytes(volume.capacityBytes) })}</p>
      {running.length ? (
        <p role="note" className="text-red-700 dark:text-red-300">
          {t("diskOfRunning", { guests: format.list(running.map((u) => u.name)) })}
        </p>
      ) : volume.usedBy.length ? (
        <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          <input type="checkbox" checked={evenIfUsed} onChange={(e) => setEvenIfUsed(e.target.checked)} className="mt-1" />
          <span>{t("diskOf", { guests: format.list(volume.usedBy.map((u) => u.name)) })}</span>
        </label>
      ) : null}
      {problemText(problem)}
    </ConfirmDialog>
  );
}
