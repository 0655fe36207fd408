import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { charSourceDefaults, charSourceFields, charSourceShape, checkCharSource } from "./chardev";

const types = ["pty", "file", "unix", "tcp", "udp", "null"] as const;

export const parallelSchema = z.object(charSourceShape(types)).superRefine((v, ctx) => checkCharSource(v, ctx));
export type ParallelValues = z.infer<typeof parallelSchema>;

export const parallelForm: DeviceForm = {
  family: "parallel",
  label: "Parallel",
  addable: true,
  defaults: { ...charSourceDefaults },
  fields: charSourceFields(types),
};
