import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";

const EVERY_MS = 500;

/**
 * While a domain job runs (save, dump), reads its statistics every half second on another
 * connection and reports bytes processed of total. Returns a function that stops following.
 */
export function followDomainJob(lv: Libvirt, dom: DomainRef, report: (done: number, total: number) => void): () => void {
  let stopped = false;
  const tick = async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, EVERY_MS));
      if (stopped) break;
      const { stats } = await lv.domains.jobStats(dom).catch(() => ({ stats: {} as Record<string, unknown> }));
      const total = Number(stats.data_total ?? stats.memory_total ?? 0);
      const done = Number(stats.data_processed ?? stats.memory_processed ?? 0);
      if (total > 0 && !stopped) report(Math.min(done, total), total);
    }
  };
  void tick();
  return () => {
    stopped = true;
  };
}
