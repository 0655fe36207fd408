import "server-only";
import type { DeviceFamily } from "@/lib/guests/hardware/types";
import type { DeviceCodec } from "../codec";
import { watchdogCodec } from "./watchdog";
import { interfaceCodec } from "./interface";
import { graphicsCodec } from "./graphics";

/** Codecs by family; a family without one is shown read-only (title from its tag, no form). */
export const deviceCodecs: Partial<Record<DeviceFamily, DeviceCodec>> = {
  watchdog: watchdogCodec as unknown as DeviceCodec,
  interface: interfaceCodec as unknown as DeviceCodec,
  graphics: graphicsCodec as unknown as DeviceCodec,
};
