"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { BackupPointView } from "@/lib/guest-backups/types";
import type { GuestListResponse } from "@/lib/guests/types";
import { attachPointDiskSchema } from "@/lib/validations/guest-backups";
import { attachPointDisk, detachRecoveryDisk, listRecoveryDisks, recoveryDisksKey, type GuestKey } from "./backup-api";

const guestHref = (hostId: string, uuid: string) => `/guests/${encodeURIComponent(hostId)}/${uuid}?tab=backups`;

/**
 * "Attach a disk to another guest…": one disk of the point, read by another guest of the same host for
 * copying files out. The point stays as it is: the guest reads it through a new overlay file, which
 * "Detach and discard" on that guest's Backups tab removes with whatever the guest wrote.
 */
export function AttachDiskDialog({ g, point, onClose }: { g: GuestKey; point: BackupPointView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const guests = useQuery({ queryKey: ["guests", "for-recovery"], queryFn: () => api<GuestListResponse>("/api/guests") });
  const others = (guests.data?.guests ?? []).filter((x) => x.hostId === g.hostId && x.uuid !== g.uuid);
  const [disk, setDisk] = useState(point.disks[0]?.target ?? "");
  const [guest, setGuest] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const attach = useMutation({
    mutationFn: (body: { disk: string; guest: string }) => attachPointDisk(g, point.id, body),
    onMutate: () => setProblem(null),
    onSuccess: (_, body) => void queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, body.guest) }),
    onError: (e) => setProblem(errors.fromError(e)),
  });
  const chosen = guest || others[0]?.uuid || "";
  const submit = () => {
    const body = errors.validate(attachPointDiskSchema, { disk, guest: chosen });
    if (body) attach.mutate(body);
  };
  const done = attach.data;
  return (
    <Dialog
      open
      onClose={onClose}
      title="Attach a disk to another guest"
      footer={
        done ? (
          <Button onClick={onClose}>Close</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button disabled={attach.isPending || !chosen} onClick={submit}>
              Attach
            </Button>
          </>
        )
      }
    >
      <p className="text-sm">
        The other guest sees the disk as it was in the restore point of {new Date(point.createdAt).toLocaleString()}, to copy files from.
        The restore point itself is never changed: what the guest writes to the disk goes to a separate file, removed when you detach the
        disk there.
      </p>
      {done ? (
        <p role="status" className="text-sm">
          Attached as {done.targetDev}.{" "}
          <Link className="underline" href={guestHref(g.hostId, chosen)}>
            Open the guest
          </Link>{" "}
          to use it, and detach it from that guest&apos;s Backups tab when done.
        </p>
      ) : (
        <>
          <Field label="Disk" error={errors.fields.disk}>
            <Select value={disk} onChange={(e) => setDisk(e.target.value)}>
              {point.disks.map((d) => (
                <option key={d.target} value={d.target}>
                  {d.target}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Guest" error={errors.fields.guest} hint="Running or shut off, on the same host">
            <Select value={chosen} onChange={(e) => setGuest(e.target.value)}>
              {others.length === 0 ? <option value="">No other guest on this host</option> : null}
              {others.map((x) => (
                <option key={x.uuid} value={x.uuid}>
                  {x.name}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      {problem ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </Dialog>
  );
}

/** On the guest a recovery disk is attached to: what it is and where it comes from, with "Detach and discard". */
export function RecoveryDisks({ g, canManage }: { g: GuestKey; canManage: boolean }) {
  const queryClient = useQueryClient();
  const disks = useQuery({ queryKey: recoveryDisksKey(g), queryFn: () => listRecoveryDisks(g) });
  const [problem, setProblem] = useState<string | null>(null);
  const errors = useFormErrors();
  const detach = useMutation({
    mutationFn: (id: string) => detachRecoveryDisk(g, id),
    onMutate: () => setProblem(null),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, g.uuid) }),
    onError: (e) => setProblem(errors.fromError(e)),
  });
  const list = disks.data ?? [];
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="recovery-disks" className="space-y-2 rounded-md border border-amber-300 p-3 dark:border-amber-700">
      <h3 id="recovery-disks" className="font-medium">
        Disks attached from restore points
      </h3>
      <ul className="space-y-2 text-sm">
        {list.map((d) => (
          <li key={d.id} data-testid="recovery-disk" className="flex flex-wrap items-center justify-between gap-2">
            <span>
              {d.targetDev}: disk {d.sourceDisk} of {d.sourceGuest}, restore point of {new Date(d.pointTakenAt).toLocaleString()}
            </span>
            {canManage ? (
              <Button variant="secondary" className="px-2 py-1" disabled={detach.isPending} onClick={() => detach.mutate(d.id)}>
                Detach and discard
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {problem ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
