import "server-only";
import { z } from "zod";
import { GUEST_SERIES, HOST_SERIES, type GuestPoint, type HostPoint } from "@/lib/metrics/series";
import type { MetricsTick } from "./collector";

// What instances send each other about metrics (/internal/metrics/*): the live points and newest rounds of the
// hosts one of them samples, for the others to show.

const value = z.number().nullable();
const guestPointSchema = z.object({
  t: z.number(),
  ...Object.fromEntries(GUEST_SERIES.map((s) => [s, value])),
}) as unknown as z.ZodType<GuestPoint>;
const hostPointSchema = z.object({
  t: z.number(),
  ...Object.fromEntries(HOST_SERIES.map((s) => [s, value])),
}) as unknown as z.ZodType<HostPoint>;

export const livePointsSchema = z.object({ points: z.array(z.union([guestPointSchema, hostPointSchema])) });

export const latestTicksSchema = z.object({
  ticks: z.array(
    z.object({
      hostId: z.string(),
      t: z.number(),
      host: hostPointSchema,
      guests: z.array(z.object({ uuid: z.string(), name: z.string(), point: guestPointSchema })),
    }),
  ) as z.ZodType<MetricsTick[]>,
});

/** The query of /internal/metrics/live. */
export const livePointsQuery = z.object({
  hostId: z.string().min(1),
  uuid: z.string().optional(),
  from: z.coerce.number().optional(),
  to: z.coerce.number().optional(),
});
