import "server-only";
import type { DeviceFamily, DeviceValues, HardwareChangeResult } from "@/lib/guests/hardware/types";
import { isLibvirtError, type LibvirtError } from "@/lib/libvirt";
import { deviceFamilyInputs } from "@/lib/validations/hardware";
import type { Actor } from "../../auth/session";
import { ApiError } from "../../http/errors";
import { fieldErrors } from "../../http/route";
import { auditedGuestChange } from "../guest-target";
import type { DeviceCodec } from "./codec";
import { deviceCodecs } from "./families";
import { resolveHardwareTarget, type HardwareTarget } from "./hardware-target";

export type ChangeRequest = { actor: Actor; ip: string; hostId: string; uuid: string };

/**
 * Runs one hardware change with its audit row. `details` is filled in by the change as it learns
 * what it changed (before/after of the changed fields), and written whether it succeeds or fails.
 */
export function auditedHardwareChange<T>(
  req: ChangeRequest,
  action: string,
  run: (target: HardwareTarget, details: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  const details: Record<string, unknown> = {};
  const resolve = () => resolveHardwareTarget(req.hostId, req.uuid, req.actor.id);
  return auditedGuestChange<T, HardwareTarget>(
    { ...req, action, details },
    (target) => {
      if (target.draft) details.draft = "customizing before install";
      return run(target, details);
    },
    { resolve },
  );
}

/**
 * The family's codec and its values checked with the family's own schema (422 with field messages
 * otherwise). On an edit, fields fixed at creation (the form's addOnly ones, such as a disk's device
 * type) keep the device's current values whatever the request says.
 */
export function familyInput(family: DeviceFamily, raw: DeviceValues, current?: DeviceValues): { codec: DeviceCodec; values: DeviceValues } {
  const codec = deviceCodecs[family];
  const input = deviceFamilyInputs[family];
  if (!codec || !input) throw new ApiError(422, `${family} devices cannot be changed here yet; use the XML tab`);
  const fixed = current
    ? Object.fromEntries(input.form.fields.filter((f) => f.addOnly && f.name in current).map((f) => [f.name, current[f.name]]))
    : {};
  const parsed = input.schema.safeParse({ ...raw, ...fixed });
  if (!parsed.success) throw new ApiError(422, "Some fields are not valid", fieldErrors(parsed.error));
  return { codec, values: parsed.data };
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

export const nextBoot = (liveError: string): HardwareChangeResult => ({ ok: true, live: "next-boot", liveError });

/**
 * For adding and removing: libvirt's refusal to do it live stops the request (409) so nothing is saved
 * behind the person's back; they may repeat it for the saved definition only (persistentOnly).
 */
export async function requireLive(apply: () => Promise<void>, offer: string): Promise<void> {
  try {
    await apply();
  } catch (err) {
    if (!isRefusal(err)) throw err;
    throw new ApiError(409, err.message, { persistentOnly: offer });
  }
}
