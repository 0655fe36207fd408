import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import { cloneDomainXml, type ClonedDisk, type CloneXmlInput } from "@/lib/guests/clone-xml";
import { proposeCopyNames, type CloneDiskPlan } from "@/lib/guests/clone-plan";
import type { JobView } from "@/lib/jobs/types";
import type { Libvirt } from "@/lib/libvirt";
import { uuidToString } from "@/lib/libvirt/api/domains";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { CloneGuestInput } from "@/lib/validations/clone";
import { Domain, StorageVolume } from "@/lib/xml";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { ApiError } from "../../http/errors";
import { jobError } from "../../jobs/job-error";
import { jobs, type JobHandle } from "../../jobs/jobs";
import { followAllocation } from "../../storage/follow-allocation";
import { checkSpace } from "../../storage/volume-space";
import { changeGuest, refuseGuestChange, resolveGuest, type GuestTarget } from "../guest-target";
import { copyNvram, nvramCopyPath } from "./copy-nvram";
import { cloneRefusal, planClone } from "./plan-clone";
import { guestSize, reserveGuest, startReserved, underReservation } from "../../quotas/reserve-guest";

const INACTIVE_SECURE = flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);

export type Copy = { index: number; disk: CloneDiskPlan & { pool: string; volume: string; allocationBytes: number }; name: string };

/**
 * Clones a shut-off (or paused) guest as a job: copies the chosen disks into new volumes one after
 * another (progress follows their allocation), copies the NVRAM, then defines the clone. Any
 * failure or a cancel removes what was made, so no half clone stays behind; so does the console
 * instance that takes the job over when the one running it dies.
 */
export async function cloneGuest(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & CloneGuestInput): Promise<JobView> {
  const refused = (err: unknown) => refuseGuestChange(ctx, { action: "guest.clone", hostId, uuid, details: { name: input.name } }, err);
  const { plan, copies, domain } = await prepareClone(ctx, hostId, uuid, input).catch(refused);
  const copiedBytes = copies.reduce((sum, c) => sum + (c.disk.capacityBytes ?? 0), 0);
  const reservation = await reserveGuest(ctx, { hostId, name: input.name, size: guestSize(domain, copiedBytes) }).catch(refused);
  const total = copies.reduce((sum, c) => sum + c.disk.allocationBytes, 0);
  const details = {
    name: input.name,
    copied: copies.map((c) => `${c.disk.pool}/${c.name}`),
    shared: plan.disks.filter((d) => !copies.some((c) => c.disk.target === d.target)).map((d) => d.target),
  };

  return startReserved(reservation, () =>
    jobs().start(
      ctx.actor.id,
      "guest.clone",
      jobLabel("guestClone", { source: plan.name, name: input.name }),
      (job) =>
        changeGuest(
          ctx,
          { action: "guest.clone", hostId, uuid, details },
          async (target) => {
            const state = await target.lv.domains.state(target.dom);
            const refusal = cloneRefusal(state.name);
            if (refusal) throw new ApiError(409, { key: refusal });
            job.progress(0, total);
            return underReservation(
              reservation,
              () => runClone(target, hostId, plan.disks, copies, input.name, plan.nvram, job),
              (made) => made.uuid,
            ).then(({ name, uuid: cloneUuid }) => ({ name, uuid: cloneUuid }));
          },
          { forJobs: true },
        ),
      { target: `guest:${hostId}/${uuid}` },
    ),
  );
}

async function prepareClone(ctx: VerbContext, hostId: string, uuid: string, input: CloneGuestInput) {
  const plan = await planClone(ctx, { hostId, uuid });
  if (plan.refusal) throw new ApiError(409, { key: plan.refusal });
  const { lv, dom } = await resolveGuest(hostId, uuid);
  if ((await lv.domains.list()).some((g) => g.name === input.name))
    throw new ApiError(409, { key: "guestExists", values: { name: input.name } }, { name: { key: "nameTaken" } });
  const domain = Domain.parse(await lv.domains.xml(dom, INACTIVE_SECURE));
  return { plan, domain, copies: await chooseCopies(lv, plan.disks, plan.name, input) };
}

/** Checks each choice against the plan, names and free space before anything is written. */
export async function chooseCopies(
  lv: Libvirt,
  disks: readonly CloneDiskPlan[],
  originalName: string,
  input: CloneGuestInput,
): Promise<Copy[]> {
  const copies: Copy[] = [];
  const wanted = new Map<string, string>();
  const proposals = proposeCopyNames(disks, originalName, input.name);
  for (const [i, disk] of disks.entries()) {
    const choice = input.disks.find((d) => d.target === disk.target);
    const action = choice?.action ?? disk.defaultAction;
    if (action === "share") continue;
    if (disk.copyRefusal || !disk.pool || !disk.volume || disk.allocationBytes === null)
      throw new ApiError(
        422,
        { key: "diskNotCopied", values: { disk: disk.target } },
        {
          [`disks.${i}.action`]: { key: "diskNotCopiedField" },
        },
      );
    const name = choice?.action === "copy" ? choice.volume : (proposals[i] ?? disk.volume);
    const key = `${disk.pool}/${name}`;
    if (wanted.has(key))
      throw new ApiError(
        422,
        { key: "twoDisksSameVolume", values: { volume: key } },
        { [`disks.${i}.volume`]: { key: "usedForAnotherDisk" } },
      );
    wanted.set(key, disk.target);
    copies.push({ index: i, disk: { ...disk, pool: disk.pool, volume: disk.volume, allocationBytes: disk.allocationBytes }, name });
  }
  for (const [pool, inPool] of groupBy(copies, (c) => c.disk.pool)) {
    const ref = await lv.storage.lookupPool(pool);
    const existing = new Set((await lv.storage.listVolumes(ref)).map((v) => v.name));
    const taken = inPool.find((c) => existing.has(c.name));
    if (taken)
      throw new ApiError(
        409,
        { key: "volumeExists", values: { pool, name: taken.name } },
        {
          [`disks.${taken.index}.volume`]: { key: "nameTaken" },
        },
      );
    const info = await lv.storage.poolInfo(ref);
    const needed = inPool.reduce((sum, c) => sum + c.disk.allocationBytes, 0);
    checkSpace(Number(info.available), { capacityBytes: needed, allocationBytes: needed, overcommit: true });
  }
  return copies;
}

/** Each copy, the NVRAM copy and the definition are recorded as the job makes them: the job removes them if it cannot finish. */
async function runClone(
  target: GuestTarget,
  hostId: string,
  disks: readonly CloneDiskPlan[],
  copies: readonly Copy[],
  name: string,
  nvram: string | null,
  job: JobHandle,
) {
  const cloned = await makeCopies(target, hostId, disks, copies, job);
  return defineClone(target, hostId, { name, disks: cloned }, nvram, job);
}

/** Copies the chosen disks one after another (progress follows their allocation); the others are shared. */
export async function makeCopies(
  target: GuestTarget,
  hostId: string,
  disks: readonly CloneDiskPlan[],
  copies: readonly Copy[],
  job: JobHandle,
): Promise<ClonedDisk[]> {
  const { lv } = target;
  const cloned: ClonedDisk[] = disks.map((d) => ({ target: d.target, share: true }));
  let before = 0;
  for (const copy of copies) {
    if (job.signal.aborted) throw jobError("cancelled");
    const pool = await lv.storage.lookupPool(copy.disk.pool);
    const source = await lv.storage.lookupVolume(pool, copy.disk.volume);
    const volXml = new StorageVolume({
      name: copy.name,
      capacityBytes: copy.disk.capacityBytes ?? 0,
      format: copy.disk.format ?? "raw",
    }).toXml();
    const stop = followAllocation({ lv, pool, hostName: target.hostName }, copy.name, (bytes) =>
      job.progress(before + Math.min(bytes, copy.disk.allocationBytes)),
    );
    let made: VolumeRef;
    try {
      made = await job.making({ kind: "volume", hostId, pool: copy.disk.pool, name: copy.name }, () =>
        lv.storage.cloneVolume(pool, volXml, source),
      );
    } finally {
      stop();
    }
    before += copy.disk.allocationBytes;
    job.progress(before);
    const info = StorageVolume.parse(await lv.storage.volumeXml(made));
    cloned[copy.index] = { target: copy.disk.target, path: info.targetPath ?? "", block: info.type === "block" };
  }
  return cloned;
}

/** Copies the NVRAM and defines the new guest from the original's inactive XML (new name, UUID, MACs). */
export async function defineClone(target: GuestTarget, hostId: string, input: CloneXmlInput, nvram: string | null, job: JobHandle) {
  const { lv, dom } = target;
  if (job.signal.aborted) throw jobError("cancelled");
  const { name } = input;
  const nvramCopy = nvram
    ? await job.making({ kind: "nvram", hostId, path: nvramCopyPath(nvram, name) }, () => copyNvram(lv, nvram, name))
    : null;
  const xml = cloneDomainXml(await lv.domains.xml(dom, INACTIVE_SECURE), { ...input, nvramPath: nvramCopy ?? undefined });
  const clone = await job.making({ kind: "guest", hostId, name }, () => lv.domains.define(xml));
  return { name, uuid: uuidToString(clone.uuid), ref: clone };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
