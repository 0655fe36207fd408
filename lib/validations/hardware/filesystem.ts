import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";

export const filesystemSchema = z.object({
  sourceDir: z
    .string()
    .trim()
    .max(4096)
    .regex(/^\/[^\n\0'"<>&]*$/, said("shareDirectory")),
  targetDir: z
    .string()
    .trim()
    .min(1, said("enterMountTag"))
    .max(36, said("atMostChars"))
    .regex(/^[A-Za-z0-9_.-]+$/, said("mountTagChars")),
  readonly: z.boolean().default(false),
});
export type FilesystemValues = z.infer<typeof filesystemSchema>;

export const filesystemForm: DeviceForm = {
  family: "filesystem",
  addable: true,
  defaults: { sourceDir: "/srv/share", targetDir: "share", readonly: false },
  fields: [
    { name: "sourceDir", label: "sourcePath", kind: "text", hint: "aDirectoryOnTheHost" },
    {
      name: "targetDir",
      label: "targetPath",
      kind: "text",
      hint: "theMountTagMountT",
    },
    { name: "readonly", label: "exportFilesystemAsReadonlyMount", kind: "checkbox" },
  ],
};
