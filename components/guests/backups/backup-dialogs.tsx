"use client";

import { useGuestJob } from "../use-guest-job";
import { useState } from "react";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import type { BackupPointView } from "@/lib/guest-backups/types";
import type { JobView } from "@/lib/jobs/types";
import { restorePointSchema } from "@/lib/validations/guest-backups";
import { startDelete, startRestore, startVerify, type GuestKey } from "./backup-api";

const when = (p: BackupPointView) => new Date(p.createdAt).toLocaleString();

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
  return props.started ? (
    <Button onClick={props.onClose}>Close</Button>
  ) : (
    <>
      <Button variant="secondary" onClick={props.onClose}>
        Cancel
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
      title={inPlace ? `Restore ${guestName} in place` : "Restore as a new guest"}
      footer={
        <Footer
          busy={mutation.isPending || (inPlace && (running || !confirm))}
          label="Restore"
          danger={inPlace}
          onSubmit={submit}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p className="text-sm">Restore point of {when(point)}.</p>
      {inPlace ? (
        <>
          {running ? <p role="alert">Shut {guestName} down first: its disks cannot be replaced while it runs.</p> : null}
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Each disk of {guestName} is replaced by a new volume made from the restore point. The disks it uses now are kept beside them
            (the job&apos;s result names them); remove them when you no longer need them. The next backup is full.
          </p>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} disabled={job !== null} />
            Replace the disks of {guestName} with this restore point
          </label>
        </>
      ) : (
        <Field label="Name of the new guest" error={errors.fields.name}>
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
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startDelete(g, point.id));
  const child = all.find((p) => p.parentId === point.id && p.status === "done");
  return (
    <Dialog
      open
      onClose={onClose}
      title="Delete restore point"
      footer={
        <Footer
          busy={mutation.isPending}
          label="Delete"
          danger
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p className="text-sm">
        Delete the restore point of {when(point)}?
        {child
          ? ` The incremental point of ${when(child)} builds on it: it is merged into that point first (a copy of its disks), so that point still restores.`
          : ""}
      </p>
      <Body problem={problem} job={job} refresh={refresh} />
    </Dialog>
  );
}

/** Verification starts at once; the dialog follows it and says the result. */
export function BackupJobDialog({ g, point, onClose }: { g: GuestKey; point: BackupPointView; onClose: () => void }) {
  const { mutation, problem, job, refresh } = useGuestJob(g, () => startVerify(g, point.id));
  return (
    <Dialog
      open
      onClose={onClose}
      title="Verify restore point"
      footer={
        <Footer
          busy={mutation.isPending}
          label="Verify"
          onSubmit={() => mutation.mutate(undefined)}
          onClose={onClose}
          started={job !== null}
        />
      }
    >
      <p className="text-sm">
        Reads the restore point of {when(point)} back through every file it builds on, into a scratch file in {point.pool} that is removed
        afterwards, and records the result.
      </p>
      <Body problem={problem} job={job} refresh={refresh} />
    </Dialog>
  );
}
