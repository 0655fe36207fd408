import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { formatBytes } from "@/lib/text/format";
import type { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import { StorageVolume } from "@/lib/xml";
import { audited } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { jobs, type JobHandle } from "../jobs/jobs";
import { resolvePool, resolveVolume, storageLabel, type PoolTarget, type VolumeInput } from "./storage-target";
import { usersOf, volumeUsers } from "./volume-users";
import { checkSpace } from "./volume-space";

export type UploadOptions = { sizeBytes: number; create: boolean; sha256?: string };
export type UploadResult = { name: string; bytes: number; sha256: string };

/** SHA-256 of the first `length` bytes of a volume, read back through libvirt (so it works on remote hosts too). */
export async function hashVolume(lv: Libvirt, volume: VolumeRef, length: number): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of await lv.storage.downloadStream(volume, 0n, BigInt(length))) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The volume the upload writes into: checked (and with `create` made, as the job's artefact), or refused with the reason. */
async function targetVolume(job: JobHandle, target: PoolTarget, hostId: string, poolName: string, name: string, options: UploadOptions) {
  const { lv, pool } = target;
  const { sizeBytes, create } = options;
  if (create) {
    if ((await lv.storage.listVolumes(pool)).some((v) => v.name === name))
      throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name } }, { name: { key: "nameTaken" } });
    checkSpace(Number((await lv.storage.poolInfo(pool)).available), {
      capacityBytes: sizeBytes,
      allocationBytes: sizeBytes,
      overcommit: false,
    });
    const xml = new StorageVolume({ name, capacityBytes: sizeBytes, allocationBytes: 0, format: "raw" }).toXml();
    return job.making({ kind: "volume", hostId, pool: poolName, name }, () => lv.storage.createVolume(pool, xml));
  }
  const volume = await resolveVolume(target, name);
  const capacity = Number((await lv.storage.volumeInfo(volume)).capacity);
  if (sizeBytes > capacity)
    throw new ApiError(409, {
      key: "uploadTooLarge",
      values: { size: formatBytes(sizeBytes), name, capacity: formatBytes(capacity) },
    });
  if (usersOf(await volumeUsers(lv), poolName, { name, path: volume.key }).some((u) => u.running))
    throw new ApiError(409, { key: "uploadRunning", values: { name } });
  return volume;
}

/**
 * Streams the request body into a volume through libvirt's upload stream (remote hosts too), hashing
 * as it passes; then reads the volume back to check that the host stored exactly those bytes, and
 * compares with the checksum the person gave, if any. Runs as a job inside the request, so a volume
 * made for this upload is deleted again when anything fails, the upload is cancelled, or this console
 * instance dies mid-way (another one removes it).
 */
export async function uploadVolume(
  ctx: VerbContext,
  { hostId, pool: poolName, volume: name, body, signal, ...options }: VolumeInput & UploadOptions & { body: Readable; signal: AbortSignal },
): Promise<UploadResult> {
  const change = {
    action: "volume.upload" as const,
    target: await storageLabel(hostId, `${poolName}/${name}`),
    details: { sizeBytes: options.sizeBytes, create: options.create },
  };
  const label = jobLabel("volumeUpload", { name, pool: poolName });
  return audited(ctx, change, () =>
    jobs().run(
      ctx.actor.id,
      "volume.upload",
      label,
      async (job) => {
        const target = await resolvePool(hostId, poolName, { forJobs: true });
        const volume = await targetVolume(job, target, hostId, poolName, name, options);
        const stopped = AbortSignal.any([signal, job.signal]);
        try {
          const hash = createHash("sha256");
          let bytes = 0;
          job.progress(0, options.sizeBytes);
          const counted = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              bytes += chunk.length;
              if (bytes > options.sizeBytes)
                return done(new ApiError(413, { key: "uploadMoreThanAnnounced", values: { bytes: String(options.sizeBytes) } }));
              hash.update(chunk);
              job.progress(bytes);
              done(null, chunk);
            },
          });
          await pipeline(body, counted, await target.lv.storage.uploadStream(volume, 0n, BigInt(options.sizeBytes)), { signal: stopped });
          if (bytes !== options.sizeBytes)
            throw new ApiError(400, {
              key: "uploadStopped",
              values: { received: String(bytes), expected: String(options.sizeBytes) },
            });
          const received = hash.digest("hex");
          if (options.sha256 && options.sha256 !== received)
            throw new ApiError(422, { key: "uploadChecksum", values: { received, expected: options.sha256 } });
          const stored = await hashVolume(target.lv, volume, bytes);
          if (stored !== received) throw new ApiError(502, { key: "uploadCorrupted" });
          return { name, bytes, sha256: received };
        } catch (err) {
          if (stopped.aborted) throw new ApiError(499, { key: "uploadCancelled" });
          throw err;
        }
      },
      { target: `storage:${hostId}/${poolName}/${name}` },
    ),
  );
}
