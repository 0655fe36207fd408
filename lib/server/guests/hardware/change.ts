import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { DeviceFamily, DeviceValues, HardwareChangeResult, LiveNote } from "@/lib/guests/hardware/types";
import { isLibvirtError, type LibvirtError } from "@/lib/libvirt";
import { deviceFamilyInputs } from "@/lib/validations/hardware";
import { ApiError, invalidFields, type ErrorKey } from "../../http/errors";
import type { DeviceCodec } from "./codec";
import { deviceCodecs } from "./families";

/** A device of one guest, named by its key in the hardware list. */
export type DeviceRef = GuestRef & { key: string };

/** The family's codec; device bodies were checked with the family's schema where they came in (addDeviceSchema). */
export function codecFor(family: DeviceFamily): DeviceCodec {
  const codec = deviceCodecs[family];
  if (!codec) throw new ApiError(422, { key: "useXmlTab" });
  return codec;
}

/**
 * Fields fixed once a device is added (the form's addOnly ones, such as a disk's device type) must
 * keep the device's values: 422 with a message on each field an edit tried to change.
 */
export function refuseFixedChanges(family: DeviceFamily, current: DeviceValues, sent: DeviceValues): void {
  const fixed = deviceFamilyInputs[family]?.form.fields.filter((f) => f.addOnly && f.name in current) ?? [];
  const moved = fixed.filter((f) => (sent[f.name] ?? null) !== (current[f.name] ?? null));
  if (moved.length) {
    throw invalidFields(Object.fromEntries(moved.map((f) => [`values.${f.name}`, { key: "fixedOnceAdded" } as const])));
  }
}

export function redact(values: DeviceValues, secret: readonly string[] = []): DeviceValues {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secret.includes(k) && v ? "(hidden)" : v]));
}

/** Before and after of the fields a change touched, for the audit log. */
export function auditDiff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  secret: readonly string[] = [],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  const pick = (side: Record<string, unknown>) =>
    Object.fromEntries(changed.map((k) => [k, secret.includes(k) && side[k] ? "(hidden)" : (side[k] ?? null)]));
  return { before: pick(before), after: pick(after) };
}

/** The daemon said no (not a lost connection or a timeout on our side). */
const isRefusal = (err: unknown): err is LibvirtError => isLibvirtError(err) && err.remote;

/**
 * Applies a change to the running guest after the saved definition took it. libvirt's refusal does not
 * fail the request: the change is saved and waits for the next boot, and the page shows libvirt's reason.
 */
export async function applyLive(running: boolean, apply: () => Promise<void>): Promise<HardwareChangeResult> {
  if (!running) return { ok: true, live: "not-running" };
  try {
    await apply();
    return { ok: true, live: "applied" };
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return { ok: true, live: "next-boot", liveError: err.message };
  }
}

export const nextBoot = (liveNote: LiveNote): HardwareChangeResult => ({ ok: true, live: "next-boot", liveNote });

/**
 * For adding and removing: libvirt's refusal to do it live stops the request (409) so nothing is saved
 * behind the person's back; they may repeat it for the saved definition only (persistentOnly).
 */
export async function requireLive(apply: () => Promise<void>, offer: ErrorKey): Promise<void> {
  try {
    await apply();
  } catch (err) {
    if (!isRefusal(err)) throw err;
    throw ApiError.libvirt(409, err.message, { persistentOnly: { key: offer } });
  }
}
