import type { DeviceFamily, DeviceValues } from "@/lib/guests/hardware/types";

/** One step on a device family: add a device from form values, edit the n-th device of the family, or remove it. */
export type HardwareOp = { add: DeviceValues } | { edit: number; values: DeviceValues } | { remove: number };

/**
 * tests/fixtures/xml/<input> is parsed as a domain, the ops run through the family's codec, and the
 * result is compared with tests/fixtures/xml/hw-<name>-out.xml and checked with virt-xml-validate.
 */
export interface HardwareGoldenCase {
  name: string;
  what: string;
  family: DeviceFamily;
  input: string;
  ops: HardwareOp[];
}
