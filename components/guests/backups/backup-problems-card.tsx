"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useJobError } from "@/lib/client/use-job-label";
import type { BackupProblem } from "@/lib/guest-backups/types";
import { TAKEN_FORMAT } from "./backup-dialogs";

const link = "text-blue-700 hover:underline dark:text-blue-400";
const guestBackups = (g: { hostId: string; uuid: string }) => `/guests/${encodeURIComponent(g.hostId)}/${g.uuid}?tab=backups`;

function Line({ p }: { p: BackupProblem }) {
  const t = useTranslations("guestRecovery.problems");
  const format = useFormatter();
  const jobError = useJobError();
  const when = format.dateTime(new Date(p.at), TAKEN_FORMAT);
  const error = jobError({ ...p, error: p.error ?? undefined }) ?? "";
  if (p.kind === "failed")
    return t.rich("lastFailed", {
      guest: p.guestName,
      when,
      error,
      link: (chunks) => (
        <Link href={guestBackups(p)} className={link}>
          {chunks}
        </Link>
      ),
    });
  const parts = {
    schedule: p.label,
    when,
    link: (chunks: React.ReactNode) => (
      <Link href={p.guest ? guestBackups(p.guest) : "/schedules"} className={link}>
        {chunks}
      </Link>
    ),
    schedules: (chunks: React.ReactNode) => (
      <Link href="/schedules" className={link}>
        {chunks}
      </Link>
    ),
  };
  return p.kind === "schedule-missed" ? t.rich("missed", parts) : t.rich("failedRun", { ...parts, error });
}

/** The dashboard's list of guests whose last backup failed and backup schedules that failed or missed a run. */
export function BackupProblemsCard({ problems, className }: { problems: BackupProblem[]; className: string }) {
  const t = useTranslations("guestRecovery.problems");
  return (
    <section aria-label={t("title")} className={className}>
      <h2 className="mb-2 text-sm font-semibold">{t("title")}</h2>
      {problems.length === 0 ? <p className="text-sm text-slate-500">{t("none")}</p> : null}
      <ul className="space-y-1 text-sm">
        {problems.map((p) => (
          <li
            key={p.kind === "failed" ? `${p.hostId}/${p.uuid}` : p.scheduleId}
            data-testid="backup-problem"
            className="text-red-700 dark:text-red-400"
          >
            <Line p={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}
