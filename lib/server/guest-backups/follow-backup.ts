import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainGetJobStatsFlags, VirDomainJobType } from "@/lib/libvirt/generated/flags";
import { jobError } from "../jobs/job-error";

const EVERY_MS = 500;
const { VIR_DOMAIN_JOB_STATS_COMPLETED, VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED } = VirDomainGetJobStatsFlags;

/**
 * Follows the backup job libvirt runs in QEMU to its end. libvirt's only progress source is the
 * domain job's statistics (bytes of the disks processed of total), read every half second; once no
 * job runs, the completed job's statistics say whether it worked. An abort of `signal` aborts the job.
 */
export async function followBackup(
  lv: Libvirt,
  dom: DomainRef,
  signal: AbortSignal,
  report: (done: number, total: number) => void,
): Promise<void> {
  let aborted = false;
  for (;;) {
    await new Promise((r) => setTimeout(r, EVERY_MS));
    if (signal.aborted && !aborted) {
      aborted = true;
      await lv.domains.abortJob(dom).catch(() => undefined);
    }
    const { type, stats } = await lv.domains.jobStats(dom);
    if (type !== VirDomainJobType.VIR_DOMAIN_JOB_NONE) {
      const total = Number(stats.disk_total ?? 0);
      if (total > 0) report(Math.min(Number(stats.disk_processed ?? 0), total), total);
      continue;
    }
    // Kept for whoever reads them next (virsh domjobinfo --completed, the benchmark).
    const end = await lv.domains.jobStats(dom, flagSet(VIR_DOMAIN_JOB_STATS_COMPLETED, VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED));
    if (end.type === VirDomainJobType.VIR_DOMAIN_JOB_COMPLETED && !aborted) {
      const total = Number(end.stats.disk_total ?? 0);
      if (total > 0) report(total, total);
      return;
    }
    if (aborted) throw jobError("cancelled");
    // QEMU's reason stays as QEMU wrote it, inside the console's words.
    const reason = end.stats.errmsg;
    throw reason ? jobError("backupStopped", { reason: String(reason) }) : jobError("backupStoppedSilently");
  }
}
