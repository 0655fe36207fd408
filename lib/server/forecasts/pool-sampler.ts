import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import { errorFields, log } from "../log";
import type { Db } from "../db";
import { floorTo, HOUR_MS, toMinutes } from "../metrics/rollups";

// Pool space for forecasts: once an hour per host, each active pool's capacity and allocation, stored
// under the hour's bucket (PoolUsagePoint). Driven by the collector's ticks of the hosts this instance
// holds; writing a bucket again (a restart in the same hour) replaces it.

export async function recordPoolUsage(db: Db, hostId: string, lv: Libvirt, at: number): Promise<number> {
  const bucket = toMinutes(floorTo(at, HOUR_MS));
  const pools = (await lv.storage.listPools()).filter((p) => p.active);
  let written = 0;
  for (const p of pools) {
    const info = await lv.storage.poolInfo(p.ref);
    const values = { capacityBytes: Number(info.capacity), allocationBytes: Number(info.allocation) };
    if (!(values.capacityBytes > 0)) continue;
    await db.poolUsagePoint.upsert({
      where: { hostId_pool_bucket: { hostId, pool: p.name, bucket } },
      create: { hostId, pool: p.name, bucket, ...values },
      update: values,
    });
    written++;
  }
  return written;
}

/** Remembers, per host, the hour last sampled, and samples a host on its first tick of a new hour. */
export class PoolSampler {
  private readonly sampled = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly connect: (hostId: string) => Promise<Libvirt>,
  ) {}

  onTick(hostId: string, t: number): void {
    const hour = floorTo(t, HOUR_MS);
    if (this.sampled.get(hostId) === hour) return;
    this.sampled.set(hostId, hour);
    void this.connect(hostId)
      .then((lv) => recordPoolUsage(this.db, hostId, lv, t))
      .catch((err) => {
        this.sampled.delete(hostId);
        log.warn({ ...errorFields(err), hostId }, "forecasts: sampling pool space failed");
      });
  }
}
