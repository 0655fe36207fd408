// Every device family's schema and form, by family: the Add hardware dialog and the device pages use
// the forms, the hardware routes validate with the schemas.
import type { z } from "zod";
import type { DeviceFamily, DeviceForm, DeviceValues } from "@/lib/guests/hardware/types";
import { watchdogForm, watchdogSchema } from "./watchdog";
import { interfaceForm, interfaceSchema } from "./interface";
import { graphicsForm, graphicsSchema } from "./graphics";

type Family = { schema: z.ZodType<DeviceValues>; form: DeviceForm };

export const deviceFamilyInputs: Partial<Record<DeviceFamily, Family>> = {
  watchdog: { schema: watchdogSchema, form: watchdogForm },
  interface: { schema: interfaceSchema, form: interfaceForm },
  graphics: { schema: graphicsSchema, form: graphicsForm },
};

export const deviceForms = (): DeviceForm[] => Object.values(deviceFamilyInputs).map((f) => f.form);
