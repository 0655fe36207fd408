import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Libvirt } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import { OvaProblem } from "@/lib/ova/problems";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import { Interface, StorageVolume, type Domain } from "@/lib/xml";
import { DiskImageError, convertImage, inspectImage } from "../disk-images/qemu-img";
import { auditRow } from "../audit";
import { ApiError } from "../http/errors";
import type { Artefact } from "../jobs/artefacts";
import { jobLabel } from "../jobs/job-label";
import { jobs, type JobHandle } from "../jobs/jobs";
import { checkNameAndMemory } from "../new-guest/create-guest";
import { createDraft } from "../new-guest/drafts";
import { planGuest, type ImportedDisk } from "../new-guest/plan";
import { hostConnection } from "../storage/storage-target";
import { checkSpace } from "../storage/volume-space";
import type { VerbContext } from "../verb-context";
import { convertedFile, dropAppliance, findAppliance, noteApplianceJob, type ScratchMeta } from "./scratch";
import { ovaRefusal } from "./refusal";

type OvaInput = NewGuestInput & { install: { method: "ova"; pool: string; upload: string } };

/** The volume names of the guest's disks: "<guest>-disk1.qcow2", … */
export const ovaVolumeName = (guest: string, index: number) => `${guest}-disk${index + 1}.qcow2`;

/**
 * Converts one received disk to qcow2 on the console's machine and streams it into a new volume of the
 * pool (through libvirt, so remote hosts too). The volume is the job's artefact from its creation on.
 */
async function importDisk(
  job: JobHandle,
  lv: Libvirt,
  target: { hostId: string; poolName: string; pool: PoolRef },
  source: string,
  converted: string,
  name: string,
  progress: (phase: "convert" | "upload", fraction: number) => void,
): Promise<ImportedDisk> {
  const info = await inspectImage(source, job.signal);
  await convertImage(
    { file: source, format: info.format },
    { file: converted, format: "qcow2" },
    (f) => progress("convert", f),
    job.signal,
  );
  const bytes = (await stat(converted)).size;
  checkSpace(Number((await lv.storage.poolInfo(target.pool)).available), {
    capacityBytes: bytes,
    allocationBytes: bytes,
    overcommit: false,
  });
  // Made raw of the file's size and written whole; the pool's refresh then reads it as the qcow2 it is.
  const xml = new StorageVolume({ name, capacityBytes: bytes, allocationBytes: 0, format: "raw" }).toXml();
  const volume = await job.making({ kind: "volume", hostId: target.hostId, pool: target.poolName, name }, () =>
    lv.storage.createVolume(target.pool, xml),
  );
  let sent = 0;
  // Counted in the pipeline (a "data" listener would start the file flowing before the upload is there to take it).
  const counted = new Transform({
    transform(chunk: Buffer, _e, done) {
      sent += chunk.length;
      progress("upload", sent / bytes);
      done(null, chunk);
    },
  });
  const upload = await lv.storage.uploadStream(volume, 0n, BigInt(bytes));
  await pipeline(createReadStream(converted), counted, upload, { signal: job.signal });
  if (!(await readsAsConverted(lv, target.pool, name, info.virtualBytes)))
    throw new ApiError(502, { key: "ovaStoredWrong", values: { name } });
  return { pool: target.poolName, volume: name };
}

/**
 * libvirt closes an upload and refreshes the pool by itself a moment after the stream ends; until then the
 * volume still reads as the raw file it was made as. Waits (a few seconds at most) for it to read as the
 * qcow2 of the disk's virtual size.
 */
async function readsAsConverted(lv: Libvirt, pool: PoolRef, name: string, virtualBytes: number): Promise<boolean> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await lv.storage.refreshPool(pool).catch(() => undefined);
    const stored = StorageVolume.parse(await lv.storage.volumeXml(await lv.storage.lookupVolume(pool, name)));
    if (stored.format === "qcow2" && stored.capacityBytes === virtualBytes) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Extra NICs the appliance had beyond the first: on the same network as the wizard's choice, with its model hint. */
function addNics(domain: Domain, meta: ScratchMeta): void {
  const first = domain.devices.interfaces.at(0);
  if (!first) return;
  const hint = meta.guest.nics[0]?.model;
  if (hint && !first.model) first.model = hint;
  for (const nic of meta.guest.nics.slice(1)) {
    const copy = Interface.parse(first.toXml());
    copy.mac = undefined;
    copy.model = nic.model;
    domain.devices.add(copy);
  }
}

/**
 * The OVA install method's Finish: the appliance received earlier has its disks converted and stored in
 * the chosen pool (a job with progress), then the guest it describes, with the wizard's answers, becomes a
 * draft opened in "Customize configuration before install". The draft owns the volumes (Cancel and the
 * draft's hour remove them); any failure removes them, and the received files go either way.
 */
export async function startOvaDraft(ctx: VerbContext, { hostId, ...input }: { hostId: string } & OvaInput): Promise<{ uuid: string }> {
  const { lv, hostName } = await hostConnection(hostId, { forJobs: true });
  const { pool: poolName, upload } = input.install;
  const target = `guest:${hostName}/${input.name}`;
  try {
    const meta = await findAppliance(upload, { ownerId: ctx.actor.id, hostId });
    if (!meta) throw new ApiError(404, { key: "ovaUploadGone" }, { "install.upload": { key: "ovaUploadAgain" } });
    await checkNameAndMemory(lv, hostName, input.name, input.memoryMiB);
    const pool = await lv.storage.lookupPool(poolName).catch(() => {
      throw new ApiError(404, { key: "notFound", values: { what: "pool" } }, { "install.pool": { key: "ovaChoosePool" } });
    });
    const taken = new Set((await lv.storage.listVolumes(pool)).map((v) => v.name));
    const names = meta.diskFiles.map((_, i) => ovaVolumeName(input.name, i));
    const clash = names.find((n) => taken.has(n));
    if (clash) throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name: clash } }, { name: { key: "nameTaken" } });

    const uuid = await jobs().run(
      ctx.actor.id,
      "guest.ova.import",
      jobLabel("ovaImport", { name: input.name, pool: poolName }),
      async (job) => {
        await noteApplianceJob(upload, meta, job.id);
        const made: Artefact[] = [];
        const disks: ImportedDisk[] = [];
        const steps = meta.diskFiles.length * 2;
        job.progress(0, 1000);
        for (const [i, file] of meta.diskFiles.entries()) {
          const disk = await importDisk(job, lv, { hostId, poolName, pool }, file, convertedFile(upload, i), names[i], (phase, f) => {
            job.detail({ phase, disk: i + 1, disks: meta.diskFiles.length });
            job.progress(Math.round(((i * 2 + (phase === "upload" ? 1 : 0) + f) / steps) * 1000));
          });
          disks.push(disk);
          made.push({ kind: "volume", hostId, pool: poolName, name: disk.volume });
        }
        const { domain } = await planGuest(lv, input, hostId, disks);
        addNics(domain, meta);
        const draft = await createDraft(ctx.actor, hostId, { ...input }, domain, made);
        return draft.uuid;
      },
      { target: `storage:${hostId}/${poolName}` },
    );
    await auditRow(
      ctx,
      {
        action: "guest.ova.import",
        target: `${target} (${uuid})`,
        details: { pool: poolName, disks: names, unmapped: meta.guest.unmapped.length },
      },
      "ok",
    );
    return { uuid };
  } catch (err) {
    await auditRow(ctx, { action: "guest.ova.import", target, details: { pool: poolName, error: (err as Error).message } }, "error");
    if (err instanceof DiskImageError || err instanceof OvaProblem) throw ovaRefusal(err);
    throw err;
  } finally {
    await dropAppliance(upload);
  }
}
