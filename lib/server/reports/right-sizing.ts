import "server-only";
import { DEFAULT_IDLE_DAYS, RIGHT_SIZING_DAYS, rightSizing, type RightSizingResponse } from "@/lib/reports/right-sizing";
import { can } from "@/lib/roles";
import { db } from "../db";
import { listGuests } from "../guests/list-guests";
import type { VerbContext } from "../verb-context";
import { guestHours } from "./guest-hours";

/**
 * Oversized and idle guests among those the person may see the metrics of, from the last 30 days of hourly
 * averages against what each guest is given now (its vCPUs and memory as libvirt reports them).
 */
export async function readRightSizing(ctx: VerbContext, input: { idleDays?: number; now?: number }): Promise<RightSizingResponse> {
  const now = input.now ?? Date.now();
  const idleDays = input.idleDays ?? DEFAULT_IDLE_DAYS;
  const { hosts, guests, errors } = await listGuests(ctx);
  const visible = guests.filter((g) => can(ctx.actor.grants, "metrics.view", { kind: "guest", hostId: g.hostId, guestUuid: g.uuid }));
  const hours = await guestHours(db(), [...new Set(visible.map((g) => g.hostId))], now - RIGHT_SIZING_DAYS * 24 * 3_600_000, now);
  const rows = rightSizing(
    visible.map((g) => ({
      guest: { hostId: g.hostId, uuid: g.uuid, name: g.name, vcpus: g.vcpus, memoryKiB: g.memoryKiB },
      hours: hours.get(`${g.hostId}/${g.uuid}`) ?? [],
    })),
    now,
    idleDays,
  );
  return { now, days: RIGHT_SIZING_DAYS, idleDays, hosts: hosts.map((h) => ({ id: h.id, name: h.name })), rows, errors };
}
