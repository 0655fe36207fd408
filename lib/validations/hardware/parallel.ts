import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { charSourceDefaults, charSourceFields, charSourceShape, checkCharSource, portSourceTypes } from "./chardev";

export const parallelSchema = z.object(charSourceShape(portSourceTypes)).superRefine((v, ctx) => checkCharSource(v, ctx));
export type ParallelValues = z.infer<typeof parallelSchema>;

export const parallelForm: DeviceForm = {
  family: "parallel",
  addable: true,
  defaults: { ...charSourceDefaults },
  fields: charSourceFields(portSourceTypes),
};
