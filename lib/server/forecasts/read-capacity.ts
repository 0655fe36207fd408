import "server-only";
import type { CapacityResponse } from "@/lib/reports/capacity-types";
import { DEFAULT_WARNING_LEVEL } from "@/lib/reports/forecast";
import { can } from "@/lib/roles";
import { db as database } from "../db";
import type { VerbContext } from "../verb-context";
import { forecastCapacity } from "./capacity";
import { fleetForecasts } from "./fleet-forecasts";

/**
 * The forecasts a person may see: hosts where they have metrics.view, pools where they also have
 * storage.view. One host with its samples for its page's chart, or every host without.
 */
export async function readCapacity(
  ctx: VerbContext,
  input: { hostId?: string; pool?: string; warningLevel?: number; now?: number },
): Promise<CapacityResponse> {
  const { grants } = ctx.actor;
  const now = input.now ?? Date.now();
  const warningLevel = input.warningLevel ?? DEFAULT_WARNING_LEVEL;
  const all = (await database().host.findMany({ select: { id: true } })).map((h) => h.id);
  const hostIds = all.filter((id) => (!input.hostId || id === input.hostId) && can(grants, "metrics.view", { kind: "host", hostId: id }));
  const read = input.hostId
    ? forecastCapacity(database(), { now, warningLevel, hostIds, withSamples: true })
    : fleetForecasts(warningLevel, now).then((items) => {
        const seen = new Set(hostIds);
        return items.filter((i) => seen.has(i.hostId));
      });
  const items = (await read).filter(
    (i) =>
      (i.kind !== "pool.space" || can(grants, "storage.view", { kind: "host", hostId: i.hostId })) &&
      (input.pool === undefined || i.pool === input.pool),
  );
  return { now, hosts: hostIds.length, warningLevel, items };
}
