"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
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
import { TAKEN_FORMAT } from "./backup-dialogs";
import { attachPointDisk, detachRecoveryDisk, listRecoveryDisks, recoveryDisksKey, type GuestKey } from "./backup-api";

const guestHref = (hostId: string, uuid: string) => `/guests/${encodeURIComponent(hostId)}/${uuid}?tab=backups`;

/**
 * "Attach a disk to another guest…": one disk of the point, read by another guest of the same host for
 * copying files out. The point stays as it is: the guest reads it through a new overlay file, which
 * "Detach and discard" on that guest's Backups tab removes with whatever the guest wrote.
 */
export function AttachDiskDialog({ g, point, onClose }: { g: GuestKey; point: BackupPointView; onClose: () => void }) {
  const t = useTranslations("guestRecovery");
  const tUi = useTranslations("ui");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  // Only this host's guests can take the disk: not the whole fleet's list.
  const guests = useQuery({
    queryKey: ["guests", "for-recovery", g.hostId],
    queryFn: () => api<GuestListResponse>(`/api/guests?${new URLSearchParams({ hostId: g.hostId })}`),
  });
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
      title={t("attachTitle")}
      footer={
        done ? (
          <Button onClick={onClose}>{t("close")}</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              {tUi("cancel")}
            </Button>
            <Button disabled={attach.isPending || !chosen} onClick={submit}>
              {t("attach")}
            </Button>
          </>
        )
      }
    >
      <p className="text-sm">{t("intro", { when: format.dateTime(new Date(point.createdAt), TAKEN_FORMAT) })}</p>
      {done ? (
        <p role="status" className="text-sm">
          {t.rich("attached", {
            dev: done.targetDev,
            link: (chunks) => (
              <Link className="underline" href={guestHref(g.hostId, chosen)}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <>
          <Field label={t("disk")} error={errors.fields.disk}>
            <Select value={disk} onChange={(e) => setDisk(e.target.value)}>
              {point.disks.map((d) => (
                <option key={d.target} value={d.target}>
                  {d.target}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("guest")} error={errors.fields.guest} hint={t("guestHint")}>
            <Select value={chosen} onChange={(e) => setGuest(e.target.value)}>
              {others.length === 0 ? <option value="">{t("noOther")}</option> : null}
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
  const t = useTranslations("guestRecovery");
  const format = useFormatter();
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
        {t("attachedHeading")}
      </h3>
      <ul className="space-y-2 text-sm">
        {list.map((d) => (
          <li key={d.id} data-testid="recovery-disk" className="flex flex-wrap items-center justify-between gap-2">
            <span>
              {t("attachedLine", {
                dev: d.targetDev,
                disk: d.sourceDisk,
                guest: d.sourceGuest,
                when: format.dateTime(new Date(d.pointTakenAt), TAKEN_FORMAT),
              })}
            </span>
            {canManage ? (
              <Button variant="secondary" className="px-2 py-1" disabled={detach.isPending} onClick={() => detach.mutate(d.id)}>
                {t("detach")}
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
