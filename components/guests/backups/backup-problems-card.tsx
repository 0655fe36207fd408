import Link from "next/link";
import type { BackupProblem } from "@/lib/guest-backups/types";

const link = "text-blue-700 hover:underline dark:text-blue-400";
const guestBackups = (g: { hostId: string; uuid: string }) => `/guests/${encodeURIComponent(g.hostId)}/${g.uuid}?tab=backups`;
const when = (ms: number) => new Date(ms).toLocaleString();

function Line({ p }: { p: BackupProblem }) {
  if (p.kind === "failed")
    return (
      <>
        <Link href={guestBackups(p)} className={link}>
          {p.guestName}
        </Link>
        : the last backup failed ({when(p.at)}): {p.error}
      </>
    );
  const what = p.kind === "schedule-missed" ? `missed its run of ${when(p.at)}` : `failed on its last run (${when(p.at)}): ${p.error}`;
  return (
    <>
      <Link href={p.guest ? guestBackups(p.guest) : "/schedules"} className={link}>
        {p.label}
      </Link>{" "}
      {what}{" "}
      <Link href="/schedules" className={link}>
        (schedules)
      </Link>
    </>
  );
}

/** The dashboard's list of guests whose last backup failed and backup schedules that failed or missed a run. */
export function BackupProblemsCard({ problems, className }: { problems: BackupProblem[]; className: string }) {
  return (
    <section aria-label="Failed or missed backups" className={className}>
      <h2 className="mb-2 text-sm font-semibold">Failed or missed backups</h2>
      {problems.length === 0 ? <p className="text-sm text-slate-500">None.</p> : null}
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
