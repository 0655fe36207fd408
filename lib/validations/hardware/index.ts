// Every device family's schema and form, by family: the Add hardware dialog and the device pages use
// the forms, the hardware routes validate with the schemas.
import type { z } from "zod";
import { deviceFamilies, type DeviceFamily, type DeviceForm, type DeviceValues } from "@/lib/guests/hardware/types";
import { watchdogForm, watchdogSchema } from "./watchdog";
import { interfaceForm, interfaceSchema } from "./interface";
import { graphicsForm, graphicsSchema } from "./graphics";
import { videoForm, videoSchema } from "./video";
import { soundForm, soundSchema } from "./sound";
import { inputForm, inputSchema } from "./input";
import { serialForm, serialSchema } from "./serial";
import { parallelForm, parallelSchema } from "./parallel";
import { consoleForm, consoleSchema } from "./console";
import { channelForm, channelSchema } from "./channel";
import { tpmForm, tpmSchema } from "./tpm";
import { rngForm, rngSchema } from "./rng";
import { panicForm, panicSchema } from "./panic";
import { memballoonForm, memballoonSchema } from "./memballoon";
import { diskForm, diskSchema } from "./disk";
import { controllerForm, controllerSchema } from "./controller";
import { hostdevForm, hostdevSchema } from "./hostdev";
import { redirdevForm, redirdevSchema } from "./redirdev";
import { filesystemForm, filesystemSchema } from "./filesystem";
import { smartcardForm, smartcardSchema } from "./smartcard";

type Family = { schema: z.ZodType<DeviceValues>; form: DeviceForm };

export const deviceFamilyInputs: Partial<Record<DeviceFamily, Family>> = {
  controller: { schema: controllerSchema, form: controllerForm },
  hostdev: { schema: hostdevSchema, form: hostdevForm },
  redirdev: { schema: redirdevSchema, form: redirdevForm },
  filesystem: { schema: filesystemSchema, form: filesystemForm },
  smartcard: { schema: smartcardSchema, form: smartcardForm },
  disk: { schema: diskSchema, form: diskForm },
  watchdog: { schema: watchdogSchema, form: watchdogForm },
  interface: { schema: interfaceSchema, form: interfaceForm },
  graphics: { schema: graphicsSchema, form: graphicsForm },
  video: { schema: videoSchema, form: videoForm },
  sound: { schema: soundSchema, form: soundForm },
  input: { schema: inputSchema, form: inputForm },
  serial: { schema: serialSchema, form: serialForm },
  parallel: { schema: parallelSchema, form: parallelForm },
  console: { schema: consoleSchema, form: consoleForm },
  channel: { schema: channelSchema, form: channelForm },
  tpm: { schema: tpmSchema, form: tpmForm },
  rng: { schema: rngSchema, form: rngForm },
  panic: { schema: panicSchema, form: panicForm },
  memballoon: { schema: memballoonSchema, form: memballoonForm },
};

/** The forms in deviceFamilies' order (virt-manager's: Storage first, then controllers, network…). */
export const deviceForms = (): DeviceForm[] => deviceFamilies.flatMap((family) => deviceFamilyInputs[family]?.form ?? []);
