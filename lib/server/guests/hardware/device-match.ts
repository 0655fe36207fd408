import "server-only";
import { deviceFamilies, type DeviceFamily, type DeviceValues, type FieldValue } from "@/lib/guests/hardware/types";
import type { Device, Domain } from "@/lib/xml";
import { notFound } from "../../http/errors";
import type { DeviceCodec } from "./codec";
import { deviceCodecs } from "./families";

/** The devices of one family in document order; families without a codec are read from <devices> directly. */
export function familyDevices(dom: Domain, family: DeviceFamily): Device[] {
  const codec = deviceCodecs[family];
  return codec ? codec.list(dom).items : (dom.devices.ofKind(family)?.items ?? []);
}

export type DeviceKey = { live: boolean; family: DeviceFamily; index: number };

export function parseDeviceKey(key: string): DeviceKey {
  if (!/^(live:)?[a-z]+:\d+$/.test(key) || !deviceFamilies.includes(key.replace(/^live:/, "").split(":")[0] as DeviceFamily))
    throw notFound("device");
  const live = key.startsWith("live:");
  const [family, index] = (live ? key.slice(5) : key).split(":");
  return { live, family: family as DeviceFamily, index: Number(index) };
}

export const deviceKey = (family: DeviceFamily, index: number, live = false): string => `${live ? "live:" : ""}${family}:${index}`;

/**
 * Pairs each saved device with the running guest's copy: by identity (target dev, MAC) when the codec
 * has one, otherwise in document order among the devices without one. Returns live indexes by saved
 * index (-1: only in the saved definition) and the live devices nothing matched.
 */
export function matchDevices(
  codec: DeviceCodec | undefined,
  saved: Device[],
  live: Device[],
): { liveIndexOf: number[]; unmatchedLive: number[] } {
  const identity = (d: Device) => codec?.identity?.(d as never);
  const used = new Set<number>();
  const liveIndexOf = saved.map((device) => {
    const id = identity(device);
    const index = live.findIndex(
      (candidate, i) => !used.has(i) && (id === undefined ? identity(candidate) === undefined : identity(candidate) === id),
    );
    if (index >= 0) used.add(index);
    return index;
  });
  return { liveIndexOf, unmatchedLive: live.map((_, i) => i).filter((i) => !used.has(i)) };
}

/**
 * Fields whose saved value (`after`) differs from the running guest's (`before`). A field libvirt fills
 * in at start (`filledAtStart`) counts only when the saved definition sets it.
 */
export function changedFields(before: DeviceValues, after: DeviceValues, filledAtStart: readonly string[] = []): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const leftOpen = (name: string) => filledAtStart.includes(name) && (after[name] ?? "") === "";
  return [...names].filter((name) => !leftOpen(name) && !sameValue(before[name], after[name]));
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/** The device a key names, in the saved definition or (for live: keys) the running guest. */
export function findDevice(dom: Domain, key: DeviceKey): Device | undefined {
  return familyDevices(dom, key.family)[key.index];
}
