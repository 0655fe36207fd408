import "server-only";
import type { DeviceText } from "@/lib/guests/hardware/device-words";
import type { DeviceFamily, DeviceValues } from "@/lib/guests/hardware/types";
import type { Libvirt } from "@/lib/libvirt";
import type { Artefact } from "../../jobs/artefacts";
import type { Device, Domain, ModelList } from "@/lib/xml";

/** What a codec may look at when it builds a new device. */
export interface CreateContext {
  /** The saved definition the device will be added to (read it to pick a free target name or slot). */
  saved: Domain;
  /** The running guest's definition, or null when it is off. */
  live: Domain | null;
  lv: Libvirt;
  hostId: string;
}

export interface Created<M extends Device> {
  device: M;
  /** What create made outside the definition (a new volume), removed again when a later step fails. */
  made?: Artefact;
}

/**
 * One device family's link between the XML model and the form: which list it lives in, how it reads
 * as form values, and how form values (already validated by the family's schema in
 * lib/validations/hardware) are written back. `edit` changes only the fields the form shows, so
 * whatever else the device's XML holds survives.
 */
export interface DeviceCodec<M extends Device = Device, V extends DeviceValues = DeviceValues> {
  family: DeviceFamily;
  list(dom: Domain): ModelList<M>;
  describe(device: M): DeviceText;
  values(device: M): V;
  create(values: V, ctx: CreateContext): Created<M> | Promise<Created<M>>;
  edit(device: M, values: V): void;
  /** Matches a saved device with the running guest's (target dev for disks, MAC for NICs); index order otherwise. */
  identity?(device: M): string | undefined;
  /** Defaults to true. */
  removable?(device: M): boolean;
  /** What libvirt can do to a running guest for this family (it still may refuse; its message is shown). */
  hotplug: { attach: boolean; detach: boolean; update: boolean };
  /**
   * Fields libvirt fills in when the guest starts where the saved definition leaves them open (a pty's
   * path, a unix channel's socket, a network NIC's bridge): no pending change while the saved one is empty.
   */
  runtimeFields?: readonly string[];
  /** Fields never written to the audit log as they are (passwords). */
  secretFields?: readonly string[];
}

/** Identity helper for codecs: keeps type inference of M and V at the definition site. */
export function defineCodec<M extends Device, V extends DeviceValues>(codec: DeviceCodec<M, V>): DeviceCodec<M, V> {
  return codec;
}
