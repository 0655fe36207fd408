import "server-only";
import type { DeviceFamily } from "@/lib/guests/hardware/types";
import type { DeviceCodec } from "../codec";
import { watchdogCodec } from "./watchdog";
import { interfaceCodec } from "./interface";
import { graphicsCodec } from "./graphics";
import { videoCodec } from "./video";
import { soundCodec } from "./sound";
import { inputCodec } from "./input";
import { serialCodec } from "./serial";
import { parallelCodec } from "./parallel";
import { consoleCodec } from "./console";
import { channelCodec } from "./channel";
import { tpmCodec } from "./tpm";
import { rngCodec } from "./rng";
import { panicCodec } from "./panic";
import { memballoonCodec } from "./memballoon";
import { diskCodec } from "./disk";
import { controllerCodec } from "./controller";
import { hostdevCodec } from "./hostdev";
import { redirdevCodec } from "./redirdev";
import { filesystemCodec } from "./filesystem";
import { smartcardCodec } from "./smartcard";
import { audioCodec } from "./audio";
import { memoryCodec } from "./memory";
import { vsockCodec } from "./vsock";

/** Codecs by family; a family without one is shown read-only (title from its tag, no form). */
export const deviceCodecs: Partial<Record<DeviceFamily, DeviceCodec>> = {
  controller: controllerCodec as unknown as DeviceCodec,
  hostdev: hostdevCodec as unknown as DeviceCodec,
  redirdev: redirdevCodec as unknown as DeviceCodec,
  filesystem: filesystemCodec as unknown as DeviceCodec,
  smartcard: smartcardCodec as unknown as DeviceCodec,
  disk: diskCodec as unknown as DeviceCodec,
  watchdog: watchdogCodec as unknown as DeviceCodec,
  interface: interfaceCodec as unknown as DeviceCodec,
  graphics: graphicsCodec as unknown as DeviceCodec,
  video: videoCodec as unknown as DeviceCodec,
  sound: soundCodec as unknown as DeviceCodec,
  input: inputCodec as unknown as DeviceCodec,
  serial: serialCodec as unknown as DeviceCodec,
  parallel: parallelCodec as unknown as DeviceCodec,
  console: consoleCodec as unknown as DeviceCodec,
  channel: channelCodec as unknown as DeviceCodec,
  tpm: tpmCodec as unknown as DeviceCodec,
  rng: rngCodec as unknown as DeviceCodec,
  panic: panicCodec as unknown as DeviceCodec,
  memballoon: memballoonCodec as unknown as DeviceCodec,
  audio: audioCodec as unknown as DeviceCodec,
  memory: memoryCodec as unknown as DeviceCodec,
  vsock: vsockCodec as unknown as DeviceCodec,
};
