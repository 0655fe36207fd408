"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { formatBytes } from "@/lib/text/format";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { JobView } from "@/lib/jobs/types";
import { isCdImage } from "@/lib/storage/cd-image";
import { volumeFormats, type PoolRow, type VolumeRow } from "@/lib/storage/types";
import { cloneVolumeSchema, createVolumeSchema, resizeVolumeSchema } from "@/lib/validations/storage";
import { JobProgress } from "./progress";
import { bytesToGib, gibToBytes, poolPath, startJob, volumePath } from "./storage-api";

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
  return started ? (
    <Button onClick={onClose}>Close</Button>
  ) : (
    <>
      <Button variant="secondary" onClick={onClose}>
        Cancel
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
      title={`New volume in ${pool.name}`}
      footer={<Footer busy={mutation.isPending} label="Finish" onSubmit={submit} onClose={onClose} started={job !== null} />}
    >
      <p className="text-slate-600 dark:text-slate-400">{formatBytes(pool.availableBytes)} free in this pool.</p>
      <Field label="Name" error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="disk1.qcow2" autoFocus />
      </Field>
      <Field label="Format">
        <Select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
          {volumeFormats.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </Select>
      </Field>
      <Field label="Max Capacity (GiB)" error={errors.fields.capacityBytes}>
        <Input inputMode="decimal" value={gib} onChange={(e) => setGib(e.target.value)} />
      </Field>
      {format === "qcow2" ? (
        <Field
          label="Backing volume"
          hint="The new volume starts as a copy-on-write overlay of this one"
          error={errors.fields.backingVolume}
        >
          <Select value={backing} onChange={(e) => setBacking(e.target.value)}>
            <option value="">None</option>
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
          Allocate entire disk now
          <span className="block text-xs text-slate-500">
            {allocateNow
              ? "Every byte is written now: slower to create, but the guest can never run out of space in the pool."
              : "Sparse: the volume takes space only as the guest writes. If the pool fills up, the guest's writes fail and it may pause or lose data."}
          </span>
        </span>
      </label>
      {overFree && !allocateNow ? (
        <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          <input type="checkbox" checked={overcommit} onChange={(e) => setOvercommit(e.target.checked)} className="mt-1" />
          <span>This is more than the pool&apos;s free space. Create it anyway (sparse, so the pool may fill up later)</span>
        </label>
      ) : null}
      {problemText(problem)}
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function ResizeVolumeDialog({ pool, volume, onClose }: { pool: PoolRow; volume: VolumeRow; onClose: () => void }) {
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
      title={`Resize ${volume.name}`}
      footer={<Footer busy={mutation.isPending} label="Resize" onSubmit={submit} onClose={onClose} started={false} />}
    >
      <p>
        Now {formatBytes(volume.capacityBytes)}. The guest&apos;s partitions and file systems are not resized; do that inside the guest.
      </p>
      <Field label="New capacity (GiB)" error={errors.fields.capacityBytes}>
        <Input inputMode="decimal" value={gib} onChange={(e) => setGib(e.target.value)} />
      </Field>
      {capacityBytes < volume.capacityBytes ? (
        <label className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-200">
          <input type="checkbox" checked={confirmShrink} onChange={(e) => setConfirmShrink(e.target.checked)} className="mt-1" />
          <span>Shrink it: everything stored past the new size is destroyed (raw volumes only)</span>
        </label>
      ) : null}
      {problemText(problem)}
    </Dialog>
  );
}

export function CloneVolumeDialog({ pool, volume, onClose }: { pool: PoolRow; volume: VolumeRow; onClose: () => void }) {
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
      title={`Clone ${volume.name}`}
      footer={<Footer busy={mutation.isPending} label="Clone" onSubmit={submit} onClose={onClose} started={job !== null} />}
    >
      <p>A full copy ({formatBytes(volume.allocationBytes)} to write) in the same pool.</p>
      <Field label="Name of the copy" error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      {problemText(problem)}
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function DeleteVolumeDialog({ pool, volume, onClose }: { pool: PoolRow; volume: VolumeRow; onClose: () => void }) {
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
      title={`Delete ${volume.name}?`}
      confirmLabel="Delete volume"
      danger
      busy={mutation.isPending || running.length > 0 || (volume.usedBy.length > 0 && !evenIfUsed)}
      onConfirm={() => mutation.mutate()}
      onCancel={onClose}
    >
      <p>Its {formatBytes(volume.capacityBytes)} of data are deleted from the host; this cannot be undone.</p>
      {running.length ? (
        <p role="note" className="text-red-700 dark:text-red-300">
          It is a disk of {running.map((u) => u.name).join(", ")}, which is running. Shut the guest down and remove the disk first.
        </p>
      ) : volume.usedBy.length ? (
        <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          <input type="checkbox" checked={evenIfUsed} onChange={(e) => setEvenIfUsed(e.target.checked)} className="mt-1" />
          <span>It is a disk of {volume.usedBy.map((u) => u.name).join(", ")}, which will not start without it. Delete it anyway</span>
        </label>
      ) : null}
      {problemText(problem)}
    </ConfirmDialog>
  );
}
