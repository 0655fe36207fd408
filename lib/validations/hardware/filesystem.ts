import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";

export const filesystemSchema = z.object({
  sourceDir: z
    .string()
    .trim()
    .max(4096)
    .regex(/^\/[^\n\0'"<>&]*$/, "An absolute directory on the host, like /srv/share"),
  targetDir: z
    .string()
    .trim()
    .min(1, "Enter the mount tag the guest uses")
    .max(36, "At most 36 characters")
    .regex(/^[A-Za-z0-9_.-]+$/, "Letters, digits, '.', '_' and '-'"),
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
