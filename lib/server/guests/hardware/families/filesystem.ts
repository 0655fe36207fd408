import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { FilesystemValues } from "@/lib/validations/hardware/filesystem";
import { Filesystem } from "@/lib/xml";
import { defineCodec } from "../codec";

export const filesystemCodec = defineCodec<Filesystem, FilesystemValues>({
  family: "filesystem",
  list: (dom) => dom.devices.filesystems,
  describe: (f) => describeAs([say("filesystem"), f.targetDir], [f.sourceDir ?? "?", f.driverType ?? "9p", f.readonly && say("readOnly")]),
  values: (f) => ({ sourceDir: f.sourceDir ?? "/", targetDir: f.targetDir ?? "", readonly: f.readonly }),
  create: (values, ctx) => {
    // virtiofsd maps the guest's RAM: it must be shared memory.
    if (!ctx.saved.memoryBackingAccess) {
      ctx.saved.memoryBackingSource = "memfd";
      ctx.saved.memoryBackingAccess = "shared";
    }
    return {
      device: new Filesystem({
        type: "mount",
        accessmode: "passthrough",
        driverType: "virtiofs",
        sourceDir: values.sourceDir,
        targetDir: values.targetDir,
        readonly: values.readonly,
      }),
    };
  },
  edit: (f, values) => {
    f.sourceDir = values.sourceDir;
    f.targetDir = values.targetDir;
    f.readonly = values.readonly;
  },
  identity: (f) => f.targetDir,
  hotplug: { attach: false, detach: false, update: false },
});
