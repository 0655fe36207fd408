"use client";

import { useGuestJob } from "../use-guest-job";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useFormErrors } from "@/lib/client/use-form-errors";
import {
  deleteRefusal,
  descendants,
  kindExplanations,
  kindLabels,
  revertWarning,
  snapshotKinds,
  type SnapshotKind,
  type SnapshotListResponse,
  type SnapshotView,
} from "@/lib/snapshots/model";
import { createSnapshotSchema, editSnapshotSchema } from "@/lib/validations/snapshots";
import { saveDescription, snapshotsKey, startCreate, startDelete, startRevert, type GuestKey } from "./snapshot-api";

const Problem = ({ text }: { text: string | null }) =>
  text ? (
    <p role="alert" className="text-red-600 dark:text-red-400">
      {text}
    </p>
  ) : null;

function Footer({
  busy,
  label,
  danger,
  onSubmit,
  onClose,
  started,
}: {
  busy: boolean;
  label: string;
  danger?: boolean;
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
      <Button variant={danger ? "danger" : "primary"} disabled={busy} onClick={onSubmit}>
        {label}
      </Button>
    </>
  );
}

export function CreateSnapshotDialog({
  g,
  options,
  onClose,
}: {
  g: GuestKey;
  options: SnapshotListResponse["options"];
  onClose: () => void;
}) {
  const [name, setName] = useState(() => `snapshot-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "")}`);
  const [description, setDescription] = useState("");
  const [kind, setKind] = useState<SnapshotKind | undefined>(() => snapshotKinds.find((k) => options[k].available));
  const { mutation, errors, problem, job, refresh } = useGuestJob(g, (body: unknown) => startCreate(g, body));
  const submit = () => {
    const body = errors.validate(createSnapshotSchema, { name, description, kind });
    if (body) mutation.mutate(body);
  };
  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title="Take a snapshot"
      footer={
        <Footer busy={mutation.isPending || !kind} label="Take snapshot" onSubmit={submit} onClose={onClose} started={job !== null} />
      }
    >
      <Field label="Name" error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus disabled={job !== null} />
      </Field>
      <Field label="Description" error={errors.fields.description}>
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          disabled={job !== null}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Kind</legend>
        {snapshotKinds.map((k) => {
          const option = options[k];
          return (
            <label
              key={k}
              className={`flex items-start gap-2 rounded-md border px-3 py-2 ${option.available ? "border-slate-200 dark:border-slate-700" : "border-dashed border-slate-200 text-slate-400 dark:border-slate-800"}`}
            >
              <input
                type="radio"
                name="snapshot-kind"
                value={k}
                checked={kind === k}
                disabled={!option.available || job !== null}
                onChange={() => setKind(k)}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{kindLabels[k]}</span>
                <span className="block text-xs text-slate-500">{kindExplanations[k]}</span>
                {option.available ? null : (
                  <span className="block text-xs text-amber-700 dark:text-amber-400">Not possible: {option.reason}</span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      <Problem text={problem ?? (errors.fields.kind ? "Choose a kind" : null)} />
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function RevertSnapshotDialog({
  g,
  snapshot,
  guestState,
  refusal,
  onClose,
}: {
  g: GuestKey;
  snapshot: SnapshotView;
  guestState: string;
  refusal: string | null;
  onClose: () => void;
}) {
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startRevert(g, snapshot.name));
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Revert to “${snapshot.name}”?`}
      footer={
        <Footer
          busy={mutation.isPending || refusal !== null}
          label="Revert"
          danger
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      {refusal ? (
        <p role="note">{refusal}</p>
      ) : (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {revertWarning(snapshot, guestState)} Take a snapshot first to keep it.
        </p>
      )}
      <Problem text={problem} />
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function DeleteSnapshotDialog({
  g,
  snapshot,
  all,
  onClose,
}: {
  g: GuestKey;
  snapshot: SnapshotView;
  all: SnapshotView[];
  onClose: () => void;
}) {
  const below = descendants(all, snapshot.name);
  const [withChildren, setWithChildren] = useState(false);
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startDelete(g, snapshot.name, withChildren));
  const refusal = job ? null : deleteRefusal(all, snapshot.name, withChildren && below.length > 0);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete snapshot “${snapshot.name}”?`}
      footer={
        <Footer
          busy={mutation.isPending || refusal !== null}
          label="Delete snapshot"
          danger
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p>
        {snapshot.kind === "internal"
          ? "Its data is removed from the guest's qcow2 files; the guest keeps running as it is."
          : "Its overlay is merged back into the file below it; the guest keeps running as it is."}
      </p>
      {below.length > 0 ? (
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={withChildren}
            disabled={job !== null}
            onChange={(e) => setWithChildren(e.target.checked)}
            className="mt-1"
          />
          <span>
            Also delete the {below.length} snapshot{below.length === 1 ? "" : "s"} below it
            <span className="block text-xs text-slate-500">
              {below.map((s) => s.name).join(", ")}. Otherwise they stay and move up to its parent.
            </span>
          </span>
        </label>
      ) : null}
      {refusal ? (
        <p role="note" className="text-amber-800 dark:text-amber-300">
          {refusal}
        </p>
      ) : null}
      <Problem text={problem} />
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function EditDescriptionDialog({ g, snapshot, onClose }: { g: GuestKey; snapshot: SnapshotView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [description, setDescription] = useState(snapshot.description);
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (text: string) => saveDescription(g, snapshot.name, text),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: snapshotsKey(g) });
      onClose();
    },
    onError: (e) => setProblem(errors.fromError(e)),
  });
  const submit = () => {
    const body = errors.validate(editSnapshotSchema, { description });
    if (body) mutation.mutate(body.description);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Description of “${snapshot.name}”`}
      footer={<Footer busy={mutation.isPending} label="Save" onSubmit={submit} onClose={onClose} started={false} />}
    >
      <Field label="Description" error={errors.fields.description}>
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={4}
          autoFocus
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </Field>
      <Problem text={problem} />
    </Dialog>
  );
}
