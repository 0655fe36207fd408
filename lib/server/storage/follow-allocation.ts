import "server-only";
import type { PoolTarget } from "./storage-target";

const EVERY_MS = 500;

/**
 * While libvirt writes a volume (create, clone), reads its allocation every half second on the main
 * connection and reports it. Before the volume appears, lookups fail; that is expected and ignored.
 * Returns a function that stops following.
 */
export function followAllocation({ lv, pool }: PoolTarget, name: string, report: (bytes: number) => void): () => void {
  let stopped = false;
  const tick = async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, EVERY_MS));
      if (stopped) break;
      const vol = await lv.storage.lookupVolume(pool, name).catch(() => null);
      const info = vol ? await lv.storage.volumeInfo(vol).catch(() => null) : null;
      if (info && !stopped) report(Number(info.allocation));
    }
  };
  void tick();
  return () => {
    stopped = true;
  };
}
