// zod pieces several device families share. Browser-safe: the forms validate with them too.
import { z } from "zod";
import { said } from "../messages";
import type { DeviceFieldKey, FieldOption } from "@/lib/guests/hardware/types";

/** Form inputs send "" for an empty number box; the device values use null for "not set". */
export function optionalInt(min: number, max: number, message: string) {
  return z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number().int(message).min(min, message).max(max, message).nullable(),
  );
}

const macPattern = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** A unicast MAC like 52:54:00:12:34:56, lower-cased; "" picks one (a new NIC) or keeps it (an edit). */
export const macAddress = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v === "" || macPattern.test(v), said("macAddress"))
  // The low bit of the first octet marks multicast; a NIC needs an address of its own.
  .refine((v) => v === "" || (parseInt(v.slice(0, 2), 16) & 1) === 0, said("unicastMac"));

/** An absolute path on the host, one line. */
export const hostPath = z
  .string()
  .trim()
  .max(4096, said("atMostManyChars"))
  .regex(/^\/[^\n\0]*$/, said("absolutePathLike"));

/** A host name or IP address for libvirt to bind to or connect to. */
export const hostOrAddress = z
  .string()
  .trim()
  .max(253)
  .regex(/^[A-Za-z0-9.:_-]+$/, said("hostOrIp"));

/** A select's fixed options; labels name the words (deviceFields keys) of the values that have some. */
export const options = (values: readonly string[], labels: Partial<Record<string, DeviceFieldKey>> = {}): FieldOption[] =>
  values.map((value) => {
    const labelKey = labels[value];
    return labelKey ? { value, label: value, labelKey } : { value, label: value };
  });
