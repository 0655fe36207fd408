"use client";

import { useGuestJob } from "../use-guest-job";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useFormErrors } from "@/lib/client/use-form-errors";
import {
  deleteRefusal,
  descendants,
  revertLoss,
  snapshotKinds,
  snapshotReasonText,
  type SnapshotRefusal,
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
  const t = useTranslations("guestDialogs");
  const tUi = useTranslations("ui");
  return started ? (
    <Button onClick={onClose}>{t("close")}</Button>
  ) : (
    <>
      <Button variant="secondary" onClick={onClose}>
        {tUi("cancel")}
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
  const t = useTranslations("guestSnapshots");
  const tReason = useTranslations("snapshotWords");
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
      title={t("takeTitle")}
      footer={<Footer busy={mutation.isPending || !kind} label={t("take")} onSubmit={submit} onClose={onClose} started={job !== null} />}
    >
      <Field label={t("name")} error={errors.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus disabled={job !== null} />
      </Field>
      <Field label={t("description")} error={errors.fields.description}>
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          disabled={job !== null}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("kindLegend")}</legend>
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
                <span className="font-medium">{t(`kind.${k}`)}</span>
                <span className="block text-xs text-slate-500">{t(`kindHint.${k}`)}</span>
                {option.available ? null : (
                  <span className="block text-xs text-amber-700 dark:text-amber-400">
                    {t("notPossible", { reason: snapshotReasonText(tReason, option.reason) })}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      <Problem text={problem ?? (errors.fields.kind ? t("chooseKind") : null)} />
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
  refusal: SnapshotRefusal | null;
  onClose: () => void;
}) {
  const t = useTranslations("guestSnapshots");
  const tRefusal = useTranslations("apiErrors");
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startRevert(g, snapshot.name));
  const loss = revertLoss(snapshot, guestState);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("revertTitle", { name: snapshot.name })}
      footer={
        <Footer
          busy={mutation.isPending || refusal !== null}
          label={t("revertButton")}
          danger
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      {refusal ? (
        <p role="note">{tRefusal(refusal.key, refusal.values)}</p>
      ) : (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {t("revertWarning", { lost: loss.runningState ? "running" : "disks", since: loss.since ? "yes" : "no", after: loss.after })}
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
  const t = useTranslations("guestSnapshots");
  const tRefusal = useTranslations("apiErrors");
  const [withChildren, setWithChildren] = useState(false);
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startDelete(g, snapshot.name, withChildren));
  const refusal = job ? null : deleteRefusal(all, snapshot.name, withChildren && below.length > 0);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("deleteTitle", { name: snapshot.name })}
      footer={
        <Footer
          busy={mutation.isPending || refusal !== null}
          label={t("deleteButton")}
          danger
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p>{snapshot.kind === "internal" ? t("deleteInternal") : t("deleteExternal")}</p>
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
            {t("withChildren", { count: below.length })}
            <span className="block text-xs text-slate-500">{t("withChildrenHint", { names: below.map((s) => s.name).join(", ") })}</span>
          </span>
        </label>
      ) : null}
      {refusal ? (
        <p role="note" className="text-amber-800 dark:text-amber-300">
          {tRefusal(refusal.key, refusal.values)}
        </p>
      ) : null}
      <Problem text={problem} />
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </Dialog>
  );
}

export function EditDescriptionDialog({ g, snapshot, onClose }: { g: GuestKey; snapshot: SnapshotView; onClose: () => void }) {
  const t = useTranslations("guestSnapshots");
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
      title={t("descriptionOf", { name: snapshot.name })}
      footer={<Footer busy={mutation.isPending} label={t("save")} onSubmit={submit} onClose={onClose} started={false} />}
    >
      <Field label={t("description")} error={errors.fields.description}>
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
