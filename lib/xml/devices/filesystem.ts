import { attr, defineModel, flag, text } from "../core";
import { deviceTail } from "./common";

/** Shared host directory; virtiofs needs shared memory backing on the domain. */
export class Filesystem extends defineModel("Filesystem", "filesystem", {
  type: text<"mount" | "block" | "file" | "template" | "ram" | "bind">("./@type"),
  accessmode: text<"passthrough" | "mapped" | "squash">("./@accessmode"),
  driverType: attr<"path" | "handle" | "virtiofs" | "loop" | "nbd">("./driver", "type"),
  binaryPath: attr("./binary", "path"),
  sourceDir: attr("./source", "dir"),
  targetDir: attr("./target", "dir"),
  readonly: flag("./readonly"),
  ...deviceTail,
}) {}
