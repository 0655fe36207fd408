import "server-only";
// What the codecs of several device families share: the owning definition, change checks, refusals, value coercion.
import type { DeviceValues } from "@/lib/guests/hardware/types";
import { ApiError, type ErrorKey } from "@/lib/server/http/errors";
import { Domain, type XmlModel, wrapElement } from "@/lib/xml";

/** The guest definition a device sits in (codecs get the device only); null for one built on its own. */
export function ownerOf(device: XmlModel): Domain | null {
  const root = device.xmlElement(false)?.ownerDocument?.documentElement;
  return root && root.tagName === "domain" ? wrapElement(Domain, root) : null;
}

/**
 * Whether any of `keys` differs between what the device read as and what the form sent. Codecs write a
 * group of fields only when it changed, so XML the form cannot show (an unknown model, a listen
 * network) survives an edit of something else.
 */
export function changed<V extends DeviceValues>(before: V, after: V, ...keys: (keyof V)[]): boolean {
  return keys.some((k) => before[k] !== after[k]);
}

/** For values a form can show for an existing device but not build a new one from. */
export function cannotCreate(key: ErrorKey): never {
  throw new ApiError(400, { key });
}

/** For an edit the device cannot take (its XML is derived from another device's). */
export function cannotEdit(key: ErrorKey): never {
  throw new ApiError(409, { key });
}

/** A number field's value as libvirt wants it: null (not set) removes the attribute. */
export const orUndefined = <T>(v: T | null | ""): T | undefined => (v === null || v === "" ? undefined : v);

/** The known value, or the fallback for values the form does not offer (the XML keeps the real one). */
export function known<T extends string>(all: readonly T[], value: string | undefined, fallback: T): T {
  return all.includes(value as T) ? (value as T) : fallback;
}
