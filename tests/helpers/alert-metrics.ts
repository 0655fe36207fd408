import type { Db } from "@/lib/server/db";

const MIN = 60_000;

/** Stored one-minute rows of a guest's CPU %, oldest first, the last one ending a minute before `at`. */
export async function seedGuestCpu(
  client: Pick<Db, "metricPoint">,
  { hostId, guestUuid }: { hostId: string; guestUuid: string },
  at: number,
  values: number[],
): Promise<void> {
  for (const [i, cpuPercent] of values.entries()) {
    const bucket = (at - (values.length - i) * MIN) / MIN;
    await client.metricPoint.upsert({
      where: { hostId_guestUuid_resolution_bucket: { hostId, guestUuid, resolution: "1m", bucket } },
      create: { hostId, guestUuid, resolution: "1m", bucket, samples: 6, cpuPercent },
      update: { cpuPercent },
    });
  }
}
