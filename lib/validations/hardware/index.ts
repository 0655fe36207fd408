// Every device family's schema and form, by family: the Add hardware dialog and the device pages use
// the forms; the hardware routes validate a device body, { family, values }, once with one union of
// the families' schemas.
import { z } from "zod";
import { said } from "../messages";
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
import { etag, persistentOnly } from "./sections";
import { smartcardForm, smartcardSchema } from "./smartcard";
import { audioForm, audioSchema } from "./audio";
import { memoryDeviceForm, memoryDeviceSchema } from "./memory";
import { vsockForm, vsockSchema } from "./vsock";

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
  audio: { schema: audioSchema, form: audioForm },
  memory: { schema: memoryDeviceSchema, form: memoryDeviceForm },
  vsock: { schema: vsockSchema, form: vsockForm },
};

/** The forms in deviceFamilies' order (virt-manager's: Storage first, then controllers, network…). */
export const deviceForms = (): DeviceForm[] => deviceFamilies.flatMap((family) => deviceFamilyInputs[family]?.form ?? []);

/** { family, values, …extra } for every family with a schema, told apart by family. */
function deviceBody<E extends z.ZodRawShape>(extra: E) {
  const bodies = Object.entries(deviceFamilyInputs).map(([family, input]) =>
    z.object({ family: z.literal(family as DeviceFamily), values: input.schema, ...extra }),
  );
  return z.discriminatedUnion("family", bodies as [(typeof bodies)[number], ...(typeof bodies)[number][]], {
    error: (issue) => (issue.code === "invalid_union" ? said("deviceUseXml") : undefined),
  });
}

export const addDeviceSchema = deviceBody({ etag, persistentOnly });
/** The family must be the one the device key names. */
export const editDeviceSchema = deviceBody({ etag });
export type AddDeviceInput = z.infer<typeof addDeviceSchema>;
export type EditDeviceInput = z.infer<typeof editDeviceSchema>;
