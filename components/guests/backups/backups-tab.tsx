"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ProgressBar } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import { useFallbackInterval } from "@/lib/client/live-events";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { useJobError } from "@/lib/client/use-job-label";
import { type BackupKind, type BackupPointView } from "@/lib/guest-backups/types";
import { backUpGuestSchema } from "@/lib/validations/guest-backups";
import { useGuestFormat } from "../use-guest-format";
import { backupsKey, listPoints, listTargets, startBackup, type GuestKey } from "./backup-api";
import { BackupJobDialog, DeletePointDialog, RestorePointDialog, TAKEN_FORMAT } from "./backup-dialogs";
import { AttachDiskDialog, RecoveryDisks } from "./recovery-disks";
import { useVerifyNote } from "./use-verify-note";

type Open = { kind: "restore-new" | "restore-in-place" | "delete" | "verify" | "attach"; point: BackupPointView } | null;

const COLUMNS = ["taken", "kind", "pool", "size", "duration", "consistency", "verified"] as const;

/** The guest's restore points (newest first) with "Back up now"; buttons only for those who may change the guest. */
export function BackupsTab({
  g,
  guestName,
  guestState,
  canManage,
}: {
  g: GuestKey;
  guestName: string;
  guestState: string;
  canManage: boolean;
}) {
  const t = useTranslations("guestBackups");
  const tRecovery = useTranslations("guestRecovery");
  const format = useFormatter();
  const numbers = useGuestFormat();
  const jobError = useJobError();
  const verifyNote = useVerifyNote();
  const seconds = (ms: number) => (ms < 1000 ? t("underASecond") : t("seconds", { seconds: Math.round(ms / 1000) }));
  const queryClient = useQueryClient();
  const fallback = useFallbackInterval();
  const points = useQuery({
    queryKey: backupsKey(g),
    queryFn: () => listPoints(g),
    // While a backup runs its bar moves: poll once a second until it has ended.
    refetchInterval: (q) => (q.state.data?.some((p) => p.status === "running") ? 1000 : fallback),
  });
  const targets = useQuery({ queryKey: [...backupsKey(g), "targets"], queryFn: () => listTargets(g), enabled: canManage });
  const errors = useFormErrors();
  const [pool, setPool] = useState("");
  const [kind, setKind] = useState<BackupKind>("full");
  const [open, setOpen] = useState<Open>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: backupsKey(g) });
  const backup = useMutation({
    mutationFn: (body: unknown) => startBackup(g, body),
    onMutate: () => setProblem(null),
    onSuccess: refresh,
    onError: (e) => setProblem(errors.fromError(e)),
  });
  const chosenPool = pool || targets.data?.pools[0]?.name || "";
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = errors.validate(backUpGuestSchema, { pool: chosenPool, kind });
    if (body) backup.mutate(body);
  };
  const list = points.data ?? [];
  const lastFailed = list[0]?.status === "failed" ? list[0] : null;
  return (
    <section aria-label={t("title")} className="space-y-4">
      {lastFailed ? (
        <p
          role="alert"
          data-testid="backup-failed"
          className="rounded-md bg-red-50 p-3 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {t("lastFailed", { error: lastFailed.error ?? "" })}
        </p>
      ) : null}
      <RecoveryDisks g={g} canManage={canManage} />
      {canManage ? (
        <form onSubmit={submit} aria-label={t("backUpNow")} className="flex flex-wrap items-end gap-3">
          <Field label={t("pool")} error={errors.fields.pool} hint={t("poolHint")}>
            <Select value={chosenPool} onChange={(e) => setPool(e.target.value)}>
              {(targets.data?.pools ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {t("poolFree", { name: p.name, free: numbers.bytes(p.availableBytes) })}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("kind")} error={errors.fields.kind}>
            <Select value={kind} onChange={(e) => setKind(e.target.value as BackupKind)}>
              <option value="full">{t("kindFull")}</option>
              <option value="incremental">{t("kindIncremental")}</option>
            </Select>
          </Field>
          <Button type="submit" disabled={backup.isPending || !chosenPool}>
            {t("backUpNow")}
          </Button>
          {problem ? (
            <p role="alert" className="w-full text-sm text-red-600 dark:text-red-400">
              {problem}
            </p>
          ) : null}
        </form>
      ) : null}
      {points.isSuccess && list.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("none")}</p> : null}
      {list.length > 0 ? (
        <Table
          label={t("points")}
          columns={[
            ...COLUMNS.map((c) => ({ label: t(`column.${c}`) })),
            ...(canManage ? [{ label: t("column.actions"), hidden: true }] : []),
          ]}
        >
          {list.map((p) => (
            <Row key={p.id} data-testid="backup-point" data-status={p.status} data-kind={p.kind}>
              <Cell className="whitespace-nowrap tabular-nums">{format.dateTime(new Date(p.createdAt), TAKEN_FORMAT)}</Cell>
              <Cell>{p.kind === "full" ? t("full") : t("incremental")}</Cell>
              <Cell>{p.pool}</Cell>
              <Cell className="min-w-40 tabular-nums">
                {p.status === "running" ? (
                  <ProgressBar done={p.job?.done ?? 0} total={p.job?.total ?? 0} label={t("backupOf", { name: guestName })} />
                ) : p.status === "failed" ? (
                  <span className="text-red-600 dark:text-red-400">
                    {t("failed", { error: jobError({ ...p, error: p.error ?? undefined }) ?? "" })}
                  </span>
                ) : (
                  <span data-testid="backup-size">{numbers.bytes(p.sizeBytes)}</span>
                )}
              </Cell>
              <Cell className="tabular-nums">{p.status === "running" ? "—" : seconds(p.durationMs)}</Cell>
              <Cell className="text-xs">{p.status === "done" ? t(`consistency.${p.consistency}`) : "—"}</Cell>
              <Cell className="text-xs" title={verifyNote(p) ?? undefined}>
                {p.verified === "ok" ? (
                  t("yes")
                ) : p.verified === "failed" ? (
                  <span className="text-red-600 dark:text-red-400">{t("failed", { error: verifyNote(p) ?? "" })}</span>
                ) : (
                  t("notYet")
                )}
              </Cell>
              {canManage ? (
                <Cell>
                  {p.status === "done" ? (
                    <div className="flex flex-wrap justify-end gap-1">
                      <Button variant="secondary" className="px-2 py-1" onClick={() => setOpen({ kind: "restore-new", point: p })}>
                        {t("restoreNew")}
                      </Button>
                      <Button variant="secondary" className="px-2 py-1" onClick={() => setOpen({ kind: "restore-in-place", point: p })}>
                        {t("restoreInPlace")}
                      </Button>
                      <Button variant="secondary" className="px-2 py-1" onClick={() => setOpen({ kind: "attach", point: p })}>
                        {tRecovery("attachDisk")}
                      </Button>
                      <Button variant="secondary" className="px-2 py-1" onClick={() => setOpen({ kind: "verify", point: p })}>
                        {t("verify")}
                      </Button>
                      <Button variant="secondary" className="px-2 py-1" onClick={() => setOpen({ kind: "delete", point: p })}>
                        {t("delete")}
                      </Button>
                    </div>
                  ) : p.status === "failed" ? (
                    <Button variant="secondary" className="px-2 py-1" onClick={() => setOpen({ kind: "delete", point: p })}>
                      {t("remove")}
                    </Button>
                  ) : null}
                </Cell>
              ) : null}
            </Row>
          ))}
        </Table>
      ) : null}
      {open?.kind === "restore-new" || open?.kind === "restore-in-place" ? (
        <RestorePointDialog
          g={g}
          point={open.point}
          guestName={guestName}
          guestState={guestState}
          inPlace={open.kind === "restore-in-place"}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.kind === "delete" ? <DeletePointDialog g={g} point={open.point} all={list} onClose={() => setOpen(null)} /> : null}
      {open?.kind === "attach" ? <AttachDiskDialog g={g} point={open.point} onClose={() => setOpen(null)} /> : null}
      {open?.kind === "verify" ? <BackupJobDialog g={g} point={open.point} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
