"use client";

import { useGuestJob } from "../use-guest-job";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import type { BackupPointView } from "@/lib/guest-backups/types";
import type { JobView } from "@/lib/jobs/types";
import { restorePointSchema } from "@/lib/validations/guest-backups";
import { startDelete, startRestore, startVerify, type GuestKey } from "./backup-api";

/** When a point was taken, in the reader's language and time zone (the Backups tab says it the same way). */
export const TAKEN_FORMAT = { dateStyle: "medium", timeStyle: "short" } as const;

/** When a point was taken, as the Backups tab shows it. */
function useWhen() {
  const format = useFormatter();
  return (p: BackupPointView) => format.dateTime(new Date(p.createdAt), TAKEN_FORMAT);
}

function Body({ problem, job, refresh }: { problem: string | null; job: JobView | null; refresh: () => void }) {
  return (
    <>
      {problem ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      {job ? <JobProgress job={job} onFinished={refresh} /> : null}
    </>
  );
}

function Footer(props: { busy: boolean; label: string; danger?: boolean; onSubmit: () => void; onClose: () => void; started: boolean }) {
  const t = useTranslations("guestDialogs");
  const tUi = useTranslations("ui");
  return props.started ? (
    <Button onClick={props.onClose}>{t("close")}</Button>
  ) : (
    <>
      <Button variant="secondary" onClick={props.onClose}>
        {tUi("cancel")}
      </Button>
      <Button variant={props.danger ? "danger" : "primary"} disabled={props.busy} onClick={props.onSubmit}>
        {props.label}
      </Button>
    </>
  );
}

/** As a new guest (a name), or in place (the guest shut off, and a confirmation that its disks are replaced). */
export function RestorePointDialog(props: {
  g: GuestKey;
  point: BackupPointView;
  guestName: string;
  guestState: string;
  inPlace: boolean;
  onClose: () => void;
}) {
  const { g, point, guestName, guestState, inPlace, onClose } = props;
  const t = useTranslations("guestBackups");
  const when = useWhen();
  const [name, setName] = useState(`${guestName}-restored`);
  const [confirm, setConfirm] = useState(false);
  const { mutation, errors, problem, job, refresh } = useGuestJob(g, (body: unknown) => startRestore(g, point.id, body));
  const submit = () => {
    const body = errors.validate(restorePointSchema, inPlace ? { mode: "in-place", confirm } : { mode: "new", name });
    if (body) mutation.mutate(body);
  };
  const running = guestState !== "shutoff";
  return (
    <Dialog
      open
      onClose={onClose}
      title={inPlace ? t("restoreInPlaceTitle", { name: guestName }) : t("restoreNewTitle")}
      footer={
        <Footer
          busy={mutation.isPending || (inPlace && (running || !confirm))}
          label={t("restore")}
          danger={inPlace}
          onSubmit={submit}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p className="text-sm">{t("pointOf", { when: when(point) })}</p>
      {inPlace ? (
        <>
          {running ? <p role="alert">{t("shutDownFirst", { name: guestName })}</p> : null}
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("inPlaceHint", { name: guestName })}</p>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} disabled={job !== null} />
            {t("confirmReplace", { name: guestName })}
          </label>
        </>
      ) : (
        <Field label={t("newName")} error={errors.fields.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus disabled={job !== null} />
        </Field>
      )}
      <Body problem={problem} job={job} refresh={refresh} />
    </Dialog>
  );
}

/** Deleting a point others build on merges it into the next one first, which copies that point's disks. */
export function DeletePointDialog({
  g,
  point,
  all,
  onClose,
}: {
  g: GuestKey;
  point: BackupPointView;
  all: BackupPointView[];
  onClose: () => void;
}) {
  const t = useTranslations("guestBackups");
  const when = useWhen();
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startDelete(g, point.id));
  const child = all.find((p) => p.parentId === point.id && p.status === "done");
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("deleteTitle")}
      footer={
        <Footer
          busy={mutation.isPending}
          label={t("deleteButton")}
          danger
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p className="text-sm">
        {t("deleteQuestion", { when: when(point) })}
        {child ? t("deleteMerges", { when: when(child) }) : ""}
      </p>
      <Body problem={problem} job={job} refresh={refresh} />
    </Dialog>
  );
}

/** Verification starts at once; the dialog follows it and says the result. */
export function BackupJobDialog({ g, point, onClose }: { g: GuestKey; point: BackupPointView; onClose: () => void }) {
  const t = useTranslations("guestBackups");
  const when = useWhen();
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startVerify(g, point.id));
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("verifyTitle")}
      footer={
        <Footer
          busy={mutation.isPending}
          label={t("verify")}
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p className="text-sm">{t("verifyHint", { when: when(point), pool: point.pool })}</p>
      <Body problem={problem} job={job} refresh={refresh} />
    </Dialog>
  );
}
