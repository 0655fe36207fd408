import "server-only";
import { UNKNOWN_OWNER, usageReport, type UsageGrouping, type UsageReport } from "@/lib/reports/usage";
import { can } from "@/lib/roles";
import { db } from "../db";
import { env } from "../env";
import { listGuests } from "../guests/list-guests";
import type { VerbContext } from "../verb-context";
import { guestDisks } from "./guest-disks";
import { guestHours } from "./guest-hours";
import { guestOwners } from "./owners";

const HOUR_MS = 3_600_000;

/**
 * Usage per host, tag, owner or guest over [from, to) for the guests the person may see the metrics of
 * (those on reachable hosts now: a guest removed before the report is not in it).
 */
export async function readUsage(
  ctx: VerbContext,
  input: { from: number; to: number; groupBy: UsageGrouping },
): Promise<UsageReport & { errors: { hostId: string; message: string }[] }> {
  const { hosts, guests, errors } = await listGuests(ctx);
  const visible = guests.filter((g) => can(ctx.actor.grants, "metrics.view", { kind: "guest", hostId: g.hostId, guestUuid: g.uuid }));
  const hostIds = [...new Set(visible.map((g) => g.hostId))];
  const [hours, owners, disks] = await Promise.all([
    guestHours(db(), hostIds, input.from, input.to),
    guestOwners(db()),
    guestDisks(hostIds.map((id) => ({ hostId: id, uuids: visible.filter((g) => g.hostId === id).map((g) => g.uuid) }))),
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const report = usageReport(
    { ...input, samplesPerHour: HOUR_MS / env().METRICS_INTERVAL_MS },
    visible.map((g) => ({
      guest: {
        hostId: g.hostId,
        hostName: hostName.get(g.hostId) ?? g.hostId,
        uuid: g.uuid,
        name: g.name,
        tags: g.tags,
        owner: owners.get(g.uuid.toLowerCase()) ?? UNKNOWN_OWNER,
        vcpus: g.vcpus,
        memoryKiB: g.memoryKiB,
        diskBytes: disks.get(`${g.hostId}/${g.uuid}`) ?? null,
      },
      hours: hours.get(`${g.hostId}/${g.uuid}`) ?? [],
    })),
  );
  return { ...report, errors };
}
