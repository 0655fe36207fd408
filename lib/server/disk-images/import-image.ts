import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { osFromFileName, osFromImageList } from "@/lib/images/detect-os";
import { isOvaName, type ImportDetail } from "@/lib/images/types";
import type { JobView } from "@/lib/jobs/types";
import { loadOsinfoDb } from "@/lib/osinfo";
import { listCloudImages } from "@/lib/osinfo/cloud-images";
import { MAX_IMAGE_BYTES } from "@/lib/validations/images";
import { StorageVolume } from "@/lib/xml";
import { audited, auditFailure } from "../audit";
import { db } from "../db";
import { env } from "../env";
import { ApiError } from "../http/errors";
import { newId } from "../ids";
import { jobLabel } from "../jobs/job-label";
import { jobs, type JobHandle } from "../jobs/jobs";
import { FetchError, fetchRefusal } from "../net/fetch-error";
import { guardedGet } from "../net/guarded-fetch";
import { hashVolume } from "../storage/upload-volume";
import { resolvePool, storageLabel, type PoolInput } from "../storage/storage-target";
import type { VerbContext } from "../verb-context";
import { checkSpace } from "../storage/volume-space";
import { receiveToFile } from "./receive";
import { convertImage, DiskImageError, inspectImage, type ImportableFormat } from "./qemu-img";

export type ImportSource =
  { kind: "upload"; fileName: string; sizeBytes: number; body: Readable; signal: AbortSignal } | { kind: "url"; url: string };
export type ImportInput = PoolInput & { name: string; sha256?: string; osId?: string; source: ImportSource };

/** A whole download may take this long (a few GiB over a slow link); the guarded fetch's idle limit catches stalls. */
export const DOWNLOAD_MS = 6 * 3600_000;

/** Where uploads and downloads wait on the console's machine until they are on the host; emptied by every import. */
export const scratchRoot = () => path.join(env().DATA_DIR, "image-imports");

/** Longer than any import runs: a scratch directory this old was left by a console that stopped mid-way. */
const STALE_SCRATCH_MS = 24 * 3600_000;

/** Removes what imports left when their console instance died (a crash, a kill): every import ends by removing its own. */
export async function sweepScratch(now = Date.now()): Promise<void> {
  const root = scratchRoot();
  for (const entry of await readdir(root).catch(() => [])) {
    const full = path.join(root, entry);
    const made = await stat(full).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (now - made > STALE_SCRATCH_MS) await rm(full, { recursive: true, force: true });
  }
}

/** The format a file's name promises, so a text file called disk.vmdk is refused instead of imported as raw data. */
const promised: Record<string, ImportableFormat> = { vmdk: "vmdk", vhdx: "vhdx", vhd: "vpc", vdi: "vdi", qcow2: "qcow2", qcow: "qcow2" };
const formatNames: Record<ImportableFormat, string> = { qcow2: "qcow2", raw: "raw", vmdk: "VMDK", vhdx: "VHDX", vpc: "VHD", vdi: "VDI" };

/** The name a person knows the image by: the file's, or the last part of the URL's path. */
export function sourceName(source: ImportSource): string {
  if (source.kind === "upload") return source.fileName;
  const url = URL.parse(source.url);
  return decodeURIComponent(url?.pathname.split("/").filter(Boolean).at(-1) ?? source.url);
}

/** The osinfo id the person chose (checked), or the one whose listed image this is, or the one the name spells out, or null. */
async function osOf(osId: string | undefined, name: string, source: ImportSource): Promise<string | null> {
  const osinfo = await loadOsinfoDb();
  if (osId) {
    const os = osinfo.get(osId);
    if (!os)
      throw new ApiError(400, { key: "imageUnknownOs", values: { id: osId } }, { osId: { key: "imageUnknownOs", values: { id: osId } } });
    return os.id;
  }
  return osFromImageList(source.kind === "url" ? source.url : name, listCloudImages()) ?? osFromFileName(name, osinfo.entries);
}

/**
 * Imports a disk image into a pool of a host as a job: receives it into a scratch file on the console's
 * machine (the upload's body, or the URL through the guarded fetch), hashing as it comes and checking the
 * expected SHA-256; lets qemu-img read it (refusing what refers to other files); converts VMDK, VHDX, VHD and
 * VDI to qcow2; then copies it into a new volume through libvirt (so hosts reached over SSH work) and reads it
 * back to check the host stored those bytes. The library row is written last: on any failure the volume goes
 * again (the job's artefact), and the scratch files always go. `received` settles once the body is read, so an
 * upload's request can answer then and the page follows the job for the rest.
 */
export async function importImage(ctx: VerbContext, input: ImportInput): Promise<{ job: JobView; received: Promise<void> }> {
  const { hostId, pool: poolName, name, source } = input;
  const fileName = sourceName(source);
  const subject = {
    action: "image.import" as const,
    target: await storageLabel(hostId, `${poolName}/${name}`),
    details: { source: source.kind === "url" ? source.url : source.fileName, sha256: input.sha256 ?? null },
  };
  let osId: string | null;
  try {
    if (isOvaName(source.kind === "url" ? source.url : source.fileName))
      throw new ApiError(422, { key: "imageOva", values: { name: fileName } });
    const target = await resolvePool(hostId, poolName);
    if ((await target.lv.storage.listVolumes(target.pool)).some((v) => v.name === name))
      throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name } }, { name: { key: "nameTaken" } });
    osId = await osOf(input.osId, fileName, source);
  } catch (err) {
    return auditFailure(ctx, subject, err);
  }
  let receivedDone = () => {};
  const received = new Promise<void>((resolve) => (receivedDone = resolve));
  const job = await jobs().start(
    ctx.actor.id,
    "image.import",
    jobLabel("imageImport", { name, pool: poolName }),
    (job) =>
      audited(ctx, subject, async () => {
        await mkdir(scratchRoot(), { recursive: true, mode: 0o700 });
        await sweepScratch();
        const dir = await mkdtemp(path.join(scratchRoot(), "import-"));
        try {
          const arrived = await receive(job, source, path.join(dir, "received")).finally(receivedDone);
          return await store(job, { ...input, fileName, os: osId, dir, arrived, actor: ctx.actor.username });
        } catch (err) {
          // Cancelled by the person: say so, not how the stream or qemu-img happened to stop.
          if (job.signal.aborted) throw new ApiError(499, { key: "imageCancelled" });
          throw err;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }).finally(receivedDone),
    { target: `storage:${hostId}/${poolName}/${name}` },
  );
  return { job, received };
}

const phase = (job: JobHandle, detail: ImportDetail["phase"], total: number) => {
  job.detail({ phase: detail } satisfies ImportDetail);
  job.progress(0, total);
};

/** Phase one: the bytes into `file`, counted against the announced (upload) or allowed (download) size. */
async function receive(job: JobHandle, source: ImportSource, file: string) {
  if (source.kind === "upload") {
    phase(job, "receiving", source.sizeBytes);
    const signal = AbortSignal.any([source.signal, job.signal]);
    const got = await receiveTo(job, source.body, file, source.sizeBytes, signal).catch((err: unknown) => {
      throw signal.aborted ? new ApiError(499, { key: "uploadCancelled" }) : err;
    });
    if (got.bytes !== source.sizeBytes)
      throw new ApiError(400, { key: "uploadStopped", values: { received: String(got.bytes), expected: String(source.sizeBytes) } });
    return got;
  }
  // Said by key (the import's page reads why in its language), as a refused download before the job is.
  const refusal = (err: unknown) => (err instanceof FetchError ? fetchRefusal(err, source.url) : err);
  const response = await guardedGet(source.url, { maxBytes: MAX_IMAGE_BYTES, timeoutMs: DOWNLOAD_MS }).catch((err: unknown) => {
    throw refusal(err);
  });
  phase(job, "receiving", response.size ?? 0);
  return receiveTo(job, response.body, file, MAX_IMAGE_BYTES, job.signal).catch((err: unknown) => {
    throw refusal(err);
  });
}

function receiveTo(job: JobHandle, body: Readable, file: string, maxBytes: number, signal: AbortSignal) {
  return receiveToFile(body, file, { maxBytes, onBytes: (bytes) => job.progress(bytes), signal });
}

type Arrived = { bytes: number; sha256: string };
type StoreInput = ImportInput & { fileName: string; os: string | null; dir: string; arrived: Arrived; actor: string };

/** Checks, converts and copies what arrived; returns the library row's id. */
async function store(job: JobHandle, input: StoreInput) {
  const { hostId, pool: poolName, name, fileName, arrived, dir } = input;
  const received = path.join(dir, "received");
  if (arrived.bytes === 0) throw new ApiError(422, { key: "imageEmpty", values: { name: fileName } });
  if (input.sha256 && input.sha256 !== arrived.sha256)
    throw new ApiError(422, { key: "uploadChecksum", values: { received: arrived.sha256, expected: input.sha256 } });
  const info = await inspectImage(received, job.signal).catch(refusal(fileName));
  const claimed = promised[/\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ""];
  if (claimed && claimed !== info.format)
    throw new ApiError(422, {
      key: "imageNotWhatItSays",
      values: { name: fileName, claimed: formatNames[claimed], found: formatNames[info.format] },
    });
  let file = received;
  let format: "qcow2" | "raw" = info.format === "raw" ? "raw" : "qcow2";
  if (info.format !== "qcow2" && info.format !== "raw") {
    phase(job, "converting", info.virtualBytes);
    file = path.join(dir, "converted.qcow2");
    await convertImage(
      { file: received, format: info.format },
      { file, format },
      (fraction) => job.progress(Math.round(fraction * info.virtualBytes)),
      job.signal,
    ).catch(refusal(fileName));
    await rm(received, { force: true });
    format = "qcow2";
  }
  const size = (await stat(file)).size;
  phase(job, "copying", size);
  const target = await resolvePool(hostId, poolName, { forJobs: true });
  if ((await target.lv.storage.listVolumes(target.pool)).some((v) => v.name === name))
    throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name } }, { name: { key: "nameTaken" } });
  checkSpace(Number((await target.lv.storage.poolInfo(target.pool)).available), {
    capacityBytes: size,
    allocationBytes: size,
    overcommit: false,
  });
  // Made as raw of the file's size, then written byte for byte: libvirt reads the qcow2 header when it refreshes the pool.
  const xml = new StorageVolume({ name, capacityBytes: size, allocationBytes: 0, format: "raw" }).toXml();
  const volume = await job.making({ kind: "volume", hostId, pool: poolName, name }, () => target.lv.storage.createVolume(target.pool, xml));
  const hash = createHash("sha256");
  let sent = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      hash.update(chunk);
      job.progress(sent);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(file), counted, await target.lv.storage.uploadStream(volume, 0n, BigInt(size)), { signal: job.signal });
  if ((await hashVolume(target.lv, volume, size)) !== hash.digest("hex")) throw new ApiError(502, { key: "uploadCorrupted" });
  // libvirt refreshes the pool after an upload on its own, in the background; once more here so the volume is
  // qcow2 (read from its header) before the wizard can offer it. Refused while the pool has other uploads: theirs does it.
  await target.lv.storage.refreshPool(target.pool).catch(() => undefined);
  const row = await db().diskImage.create({
    data: {
      id: newId(),
      hostId,
      pool: poolName,
      volume: name,
      source: input.source.kind === "url" ? input.source.url : fileName,
      sourceKind: input.source.kind,
      sourceFormat: info.format,
      sha256: arrived.sha256,
      format,
      virtualBytes: info.virtualBytes,
      osId: input.os,
      createdBy: input.actor,
      createdAt: new Date(),
    },
  });
  return { id: row.id, name, sha256: arrived.sha256, format, sourceFormat: info.format };
}

/** qemu-img's refusal as the person's sentence, naming their file. */
const refusal = (name: string) => (err: unknown) => {
  if (!(err instanceof DiskImageError)) throw err;
  if (err.reason === "empty") throw new ApiError(422, { key: "imageEmpty", values: { name } });
  throw new ApiError(422, { key: "imageRefused", values: { name, reason: err.message } });
};
