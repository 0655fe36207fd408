import "server-only";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";

const run = promisify(execFile);

/**
 * Disk image formats a person may bring in (cloud images, VMware/VirtualBox/Hyper-V disks). `qemu-img info`
 * names them so; everything that is not qcow2 or raw is converted to qcow2 before it reaches a host.
 */
export const importableFormats = ["qcow2", "raw", "vmdk", "vhdx", "vpc", "vdi"] as const;
export type ImportableFormat = (typeof importableFormats)[number];

/** What the console's machine ran on the image: a refusal the person can act on, not qemu-img's stack of words only. */
export class DiskImageError extends Error {
  constructor(
    readonly reason: "notAnImage" | "unsupportedFormat" | "empty" | "tool",
    message: string,
  ) {
    super(message);
    this.name = "DiskImageError";
  }
}

const infoSchema = z.object({
  format: z.string(),
  "virtual-size": z.number().int().nonnegative(),
  "actual-size": z.number().int().nonnegative().optional(),
  "backing-filename": z.string().optional(),
  filename: z.string(),
  "format-specific": z
    .object({
      data: z
        .object({
          extents: z.array(z.object({ filename: z.string() })).optional(),
          "data-file": z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});

export type ImageInfo = { format: ImportableFormat; virtualBytes: number; fileBytes: number };

/** Local scratch files only (uploads and downloads on the console's machine): qemu-img never opens a host path here. */
export async function inspectImage(file: string, signal?: AbortSignal): Promise<ImageInfo> {
  const { stdout } = await run("qemu-img", ["info", "--output=json", file], { timeout: 60_000, signal }).catch(
    (err: NodeJS.ErrnoException & { stderr?: string }) => {
      if (err.code === "ENOENT") throw new DiskImageError("tool", "qemu-img is not installed on the console's machine");
      throw new DiskImageError("notAnImage", err.stderr?.trim() || err.message);
    },
  );
  const info = infoSchema.parse(JSON.parse(stdout));
  // A backing file would make qemu-img read a path the image names: an uploaded image must stand alone.
  if (info["backing-filename"]) throw new DiskImageError("notAnImage", `the image depends on another file (${info["backing-filename"]})`);
  // A VMDK descriptor may name extents anywhere on the machine, a qcow2 an external data file: either would
  // make the console read a file the uploader chose (e.g. /etc/shadow) into their guest's disk.
  const data = info["format-specific"]?.data;
  // Each name once: qemu-img may list a flat extent both as an extent and inside it.
  const foreign = [
    ...new Set([...(data?.extents ?? []).map((e) => e.filename), data?.["data-file"]].filter((name): name is string => name !== undefined)),
  ].filter((name) => name !== info.filename);
  if (foreign.length > 0) throw new DiskImageError("notAnImage", `the image refers to other files (${foreign.join(", ")})`);
  if (!importableFormats.includes(info.format as ImportableFormat))
    throw new DiskImageError("unsupportedFormat", `qemu-img reads this file as ${info.format}`);
  if (info["virtual-size"] === 0) throw new DiskImageError("empty", "the image holds a disk of 0 bytes");
  return {
    format: info.format as ImportableFormat,
    virtualBytes: info["virtual-size"],
    fileBytes: info["actual-size"] ?? 0,
  };
}

/**
 * Converts a local image to qcow2 (or raw) with `qemu-img convert -p`, reporting its own progress (0..1) as
 * it goes; the source format is stated so qemu-img never guesses (a raw file could otherwise pose as qcow2).
 */
export async function convertImage(
  source: { file: string; format: ImportableFormat },
  target: { file: string; format: "qcow2" | "raw" },
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const args = ["convert", "-p", "-f", source.format, "-O", target.format, source.file, target.file];
  if (target.format === "qcow2") args.splice(6, 0, "-o", "compat=1.1");
  await new Promise<void>((resolve, reject) => {
    const child = spawn("qemu-img", args, { stdio: ["ignore", "pipe", "pipe"], signal });
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      // -p writes "    (12.34/100%)\r" repeatedly; the last figure in a chunk is the newest.
      const figures = [...chunk.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
      const last = figures.at(-1);
      if (last) onProgress(Math.min(1, Number(last[1]) / 100));
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "ENOENT" ? new DiskImageError("tool", "qemu-img is not installed on the console's machine") : err),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new DiskImageError("notAnImage", stderr.trim() || `qemu-img convert exited with ${code}`)),
    );
  });
  onProgress(1);
}
