// Shared by server and browser: what the guest inventory API returns and the actions it accepts.
import { z } from "zod";
import { said } from "@/lib/validations/messages";

export const guestStates = ["running", "blocked", "paused", "shutdown", "shutoff", "crashed", "pmsuspended", "nostate"] as const;
export type GuestState = (typeof guestStates)[number];

export type HostConnectionStatus =
  | { state: "connecting"; since: number }
  | { state: "connected"; since: number }
  | { state: "retrying"; since: number; message: string; retryAt: number }
  | { state: "disconnected"; since: number };

export type GuestRow = {
  hostId: string;
  uuid: string;
  name: string;
  title: string | null;
  /** Free-form tags from the guest's metadata (console namespace), sorted. */
  tags: string[];
  /** Marked as a template in its metadata (console namespace): never started, the base of new guests. */
  template: boolean;
  state: GuestState;
  /** libvirt's reason for the state, e.g. "booted", "user", "crashed", "saved". */
  stateReason: string;
  persistent: boolean;
  autostart: boolean;
  hasManagedSave: boolean;
  vcpus: number;
  memoryKiB: number;
  /** 0..100 of the guest's own vCPUs; null until two samples exist or when not running. */
  cpuPercent: number | null;
  memoryPercent: number | null;
  diskBytesPerSec: number | null;
  netBytesPerSec: number | null;
  /** Epoch ms when the console saw the guest start; null when it was already running before. */
  runningSince: number | null;
  ipAddresses: string[];
};

/**
 * A host as the guest list shows it beside its guests: its name and whether it is reachable. For people who
 * may not see the host itself (canSeeHost), a failed connection's message is replaced by a plain sentence.
 */
export type HostLabel = { id: string; name: string; status: HostConnectionStatus | null };

/** A host for those who may see it: also its libvirt URI and its tags. */
export type HostSummary = HostLabel & { uri: string; tags: string[] };

export type GuestListResponse = {
  /** Every host where the person may see guests (also with a host filter, so the filter can offer them). */
  hosts: HostLabel[];
  guests: GuestRow[];
  /** Per-host errors (host unreachable), shown beside the list rather than failing it. */
  errors: { hostId: string; message: string }[];
};

export const powerActions = ["start", "shutdown", "reboot", "reset", "forceoff", "pause", "resume"] as const;
export type PowerAction = (typeof powerActions)[number];

export const guestRefSchema = z.object({
  hostId: z.string().min(1),
  uuid: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, said("notGuestUuid"))
    .transform((u) => u.toLowerCase()),
});
export type GuestRef = z.infer<typeof guestRefSchema>;

/** Route params of /api/hosts/[id]/guests/[uuid]/… (the folder is [id] because /api/hosts/[id] came first). */
export const guestRouteParams = z
  .object({ id: z.string().min(1), uuid: guestRefSchema.shape.uuid })
  .transform(({ id, uuid }) => ({ hostId: id, uuid }));
export const hostRouteParams = z.object({ id: z.string().min(1) }).transform(({ id }) => ({ hostId: id }));

/** The role scope of one guest, for permission checks. */
export const guestScope = (ref: GuestRef) => ({ kind: "guest" as const, hostId: ref.hostId, guestUuid: ref.uuid });
export const hostScope = (ref: { hostId: string }) => ({ kind: "host" as const, hostId: ref.hostId });

export const powerActionSchema = z.object({
  action: z.enum(powerActions),
  /** shutdown/reboot: ACPI (default) or the QEMU guest agent. */
  method: z.enum(["acpi", "agent"]).optional(),
});

export const bulkPowerSchema = z.object({
  action: z.enum(["start", "shutdown", "forceoff"]),
  guests: z.array(guestRefSchema).min(1, said("selectOneGuest")).max(10_000),
});

/** One guest's outcome: why it failed in the requester's language, or libvirt's own words (`libvirt`). */
export type ActionResult = { hostId: string; uuid: string; ok: boolean; message?: string; libvirt?: boolean };
