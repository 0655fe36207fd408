import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, statfs, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { OvaProblem } from "@/lib/ova/problems";
import { formatBytes } from "@/lib/text/format";
import { readManifest, readOvf, type OvfGuest } from "@/lib/ova/ovf";
import { listTar, type TarEntry } from "@/lib/ova/tar";

/** Where received appliances wait on the console's machine for the wizard's Finish (one directory each). */
export const scratchRoot = () => process.env.OVA_SCRATCH_DIR ?? path.join(tmpdir(), "vc-ova");
/** The largest appliance taken (its disks are unpacked beside it, so the scratch disk needs twice this). */
export const ovaMaxBytes = () => Number(process.env.OVA_MAX_BYTES ?? 64 * 1024 ** 3);
/** An appliance not imported within this time is removed with the next one received. */
export const SCRATCH_TTL_MS = 60 * 60_000;

const uploadIdSchema = z.string().uuid();
const metaSchema = z.object({
  ownerId: z.string(),
  hostId: z.string(),
  createdAt: z.number(),
  guest: z.custom<OvfGuest>(),
  /** The disks' files in the scratch directory, in the OVF's order. */
  diskFiles: z.array(z.string()),
  /** The job converting it, once Finish started one (the wizard follows its progress). */
  jobId: z.string().optional(),
});
export type ScratchMeta = z.infer<typeof metaSchema>;

const dirOf = (id: string) => path.join(scratchRoot(), uploadIdSchema.parse(id));

/** Copies one member out of the archive, hashing it as it passes, so the manifest is checked on the bytes written. */
async function extract(archive: string, entry: TarEntry, target: string): Promise<Record<"sha1" | "sha256" | "sha512", string>> {
  const hashes = { sha1: createHash("sha1"), sha256: createHash("sha256"), sha512: createHash("sha512") };
  const hashing = new Transform({
    transform(chunk: Buffer, _e, done) {
      for (const h of Object.values(hashes)) h.update(chunk);
      done(null, chunk);
    },
  });
  if (entry.size === 0) await writeFile(target, "");
  else
    await pipeline(
      createReadStream(archive, { start: entry.offset, end: entry.offset + entry.size - 1 }),
      hashing,
      createWriteStream(target),
    );
  return { sha1: hashes.sha1.digest("hex"), sha256: hashes.sha256.digest("hex"), sha512: hashes.sha512.digest("hex") };
}

/** Writes the request body to `file`, refusing more than `limit` bytes (the announced size, itself capped). */
async function receive(body: Readable, file: string, limit: number, signal: AbortSignal): Promise<number> {
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _e, done) {
      bytes += chunk.length;
      if (bytes > limit) return done(new OvaProblem("ovaTooLarge", { limit: formatBytes(limit) }));
      done(null, chunk);
    },
  });
  await pipeline(body, counted, createWriteStream(file), { signal });
  return bytes;
}

/**
 * Receives an OVA into its own scratch directory and unpacks it: the tar is listed by our reader (no
 * names leave the directory), every member the manifest names is checked against its digest, the OVF is
 * read and the disks it references are kept; the archive itself goes. Any refusal removes the directory.
 */
export async function receiveAppliance(
  owner: { ownerId: string; hostId: string },
  body: Readable,
  sizeBytes: number,
  signal: AbortSignal,
): Promise<{ id: string; meta: ScratchMeta }> {
  await sweepScratch();
  if (sizeBytes > ovaMaxBytes()) throw new OvaProblem("ovaTooLarge", { limit: formatBytes(ovaMaxBytes()) });
  await mkdir(scratchRoot(), { recursive: true, mode: 0o700 });
  // The archive and its unpacked files sit side by side for a moment: refuse before filling the console's disk.
  const { bavail, bsize } = await statfs(scratchRoot());
  if (sizeBytes * 2 > bavail * bsize)
    throw new OvaProblem("ovaNoScratchSpace", { free: formatBytes(bavail * bsize), needed: formatBytes(sizeBytes * 2) });
  const id = randomUUID();
  const dir = dirOf(id);
  await mkdir(dir, { mode: 0o700 });
  try {
    const archive = path.join(dir, "appliance.ova");
    const received = await receive(body, archive, sizeBytes, signal);
    if (received !== sizeBytes) throw new OvaProblem("ovaTruncated");
    const handle = await open(archive, "r");
    let entries: TarEntry[];
    try {
      entries = await listTar(async (offset, length) => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      }, received);
    } finally {
      await handle.close();
    }
    const ovfEntry = entries.find((e) => e.name.toLowerCase().endsWith(".ovf"))!;
    const manifestEntry = entries.find((e) => e.name.toLowerCase().endsWith(".mf"));
    const unpacked = path.join(dir, "files");
    await mkdir(unpacked);
    const digests = new Map<string, Record<"sha1" | "sha256" | "sha512", string>>();
    for (const entry of entries) {
      if (entry === manifestEntry || entry.name.toLowerCase().endsWith(".cert")) continue;
      digests.set(entry.name, await extract(archive, entry, path.join(unpacked, entry.name)));
    }
    const manifestText = manifestEntry ? await readSmall(archive, manifestEntry) : null;
    await rm(archive);
    if (manifestText !== null) {
      const manifest = readManifest(manifestText);
      for (const line of manifest) {
        const got = digests.get(line.file);
        if (!got) throw new OvaProblem("ovaMissingFile", { file: line.file });
        if (got[line.algorithm] !== line.digest) throw new OvaProblem("ovaDigestMismatch", { file: line.file });
      }
    }
    const guest = readOvf(await readFile(path.join(unpacked, ovfEntry.name), "utf8"));
    for (const disk of guest.disks) if (!digests.has(disk.file)) throw new OvaProblem("ovaMissingFile", { file: disk.file });
    const meta: ScratchMeta = {
      ...owner,
      createdAt: Date.now(),
      guest,
      diskFiles: guest.disks.map((d) => path.join(unpacked, d.file)),
    };
    await writeFile(path.join(dir, "meta.json"), JSON.stringify(meta));
    return { id, meta };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** A small member (the manifest) read whole; a manifest of megabytes is no manifest. */
async function readSmall(archive: string, entry: TarEntry): Promise<string> {
  if (entry.size > 1024 * 1024) throw new OvaProblem("ovaBadManifest", { line: entry.name });
  const handle = await open(archive, "r");
  try {
    const buffer = Buffer.alloc(entry.size);
    await handle.read(buffer, 0, entry.size, entry.offset);
    return buffer.toString("utf8");
  } finally {
    await handle.close();
  }
}

/** A received appliance of this person on this host, or null (another's, expired, or received by another instance). */
export async function findAppliance(id: string, owner: { ownerId: string; hostId: string }): Promise<ScratchMeta | null> {
  if (!uploadIdSchema.safeParse(id).success) return null;
  const meta = await readFile(path.join(dirOf(id), "meta.json"), "utf8")
    .then((text) => metaSchema.parse(JSON.parse(text)))
    .catch(() => null);
  if (!meta || meta.ownerId !== owner.ownerId || meta.hostId !== owner.hostId) return null;
  if (meta.createdAt + SCRATCH_TTL_MS < Date.now()) return null;
  return meta;
}

/** Notes the job that converts the appliance, so the wizard can follow it by the appliance's id. */
export async function noteApplianceJob(id: string, meta: ScratchMeta, jobId: string): Promise<void> {
  await writeFile(path.join(dirOf(id), "meta.json"), JSON.stringify({ ...meta, jobId }));
}

export async function dropAppliance(id: string): Promise<void> {
  if (uploadIdSchema.safeParse(id).success) await rm(dirOf(id), { recursive: true, force: true });
}

/** A scratch file of the disk being converted, beside the appliance's own. */
export const convertedFile = (id: string, index: number) => path.join(dirOf(id), `disk${index}.qcow2`);

/** Removes appliances older than their hour (the person left the wizard; nothing else holds them), and uploads abandoned for a day. */
export async function sweepScratch(now = Date.now()): Promise<number> {
  const names = await readdir(scratchRoot()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const dir = path.join(scratchRoot(), name);
    // A received appliance has its hour from meta.json; one still streaming in has none yet and gets a day.
    const meta = await stat(path.join(dir, "meta.json")).catch(() => null);
    const info = meta ?? (await stat(dir).catch(() => null));
    if (info && info.mtimeMs + (meta ? SCRATCH_TTL_MS : 24 * SCRATCH_TTL_MS) < now) {
      await rm(dir, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
