import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { ClonedDisk } from "@/lib/guests/clone-xml";
import { proposeCopyNames, type CloneDiskPlan } from "@/lib/guests/clone-plan";
import type { GuestRef } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { flagSet, type Libvirt } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { CloudInitInput } from "@/lib/validations/cloud-init";
import type { FromTemplateInput } from "@/lib/validations/templates";
import { CONSOLE_TEMPLATE_NS, Domain, QCOW2_V3, StorageVolume } from "@/lib/xml";
import { ApiError } from "../http/errors";
import { jobError } from "../jobs/job-error";
import { jobs, type JobHandle } from "../jobs/jobs";
import type { VerbContext } from "../verb-context";
import { chooseCopies, defineClone, makeCopies, type Copy } from "../guests/clone/clone-guest";
import { planClone } from "../guests/clone/plan-clone";
import { changeGuest, refuseGuestChange, resolveGuest, type GuestTarget } from "../guests/guest-target";
import { attachCloudInitSeed, SEED_ALIAS, seedVolumeName } from "../cloud-init/attach-seed";
import { isTemplate } from "./template-mark";
import { guestSize, reserveGuest, startReserved, underReservation } from "../quotas/reserve-guest";
import { madeDiskBytes } from "../guests/clone/made-disks";

const INACTIVE_SECURE = flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);

/**
 * Where a cloud-init seed (or any other medium) joins the new guest: called after its disks exist and before it is
 * defined, with the template's saved definition (to choose a free drive); returns <disk> XML to add, or null. Volumes
 * it creates go through `job.making`, so a failure removes them.
 */
export type SeedHook = (made: { lv: Libvirt; hostId: string; name: string; job: JobHandle; template: Domain }) => Promise<string | null>;

/** One overlay: a new qcow2 volume in the template disk's pool whose backing store is that disk. */
type Overlay = { index: number; target: string; pool: string; base: string; capacityBytes: number; name: string };

/**
 * A new guest from a template, as a job: its disks are qcow2 overlays on the template's (linked) or full copies
 * (the clone's path), with a new name, UUID and MACs, the sizes asked for, and started if asked. Everything it
 * makes is recorded as it is made, so a failure (also of the start) or a cancel leaves nothing behind.
 */
export async function createFromTemplate(
  ctx: VerbContext,
  { hostId, uuid, ...input }: GuestRef & FromTemplateInput,
  hooks: { seed?: SeedHook } = {},
): Promise<JobView> {
  const change = {
    action: "template.create-guest" as const,
    hostId,
    uuid,
    details: {
      name: input.name,
      mode: input.mode,
      start: input.start,
      ...(input.cloudInit ? { cloudInitSeed: seedVolumeName(input.name) } : {}),
    },
  };
  const prepared = await prepare(ctx, hostId, uuid, input).catch((err: unknown) => refuseGuestChange(ctx, change, err));
  const { plan } = prepared;
  // The new guest's sizes as it will have them, and the disks made for it (an overlay can grow to its base's size).
  const size = guestSize(prepared.domain, madeDiskBytes(plan.disks));
  if (input.vcpus) size.vcpus = input.vcpus;
  if (input.memoryMiB) size.memoryMiB = input.memoryMiB;
  const reservation = await reserveGuest(ctx, { hostId, name: input.name, size }).catch((err: unknown) =>
    refuseGuestChange(ctx, change, err),
  );
  const sizes = { vcpus: input.vcpus, memoryMiB: input.memoryMiB };
  const seed = hooks.seed ?? (input.cloudInit ? cloudInitSeed(input.cloudInit, prepared.seedPool) : undefined);

  return startReserved(reservation, () =>
    jobs().start(
      ctx.actor.id,
      "template.create-guest",
      jobLabel("fromTemplate", { name: input.name, template: plan.name }),
      (job) =>
        changeGuest(
          ctx,
          change,
          (target) =>
            underReservation(
              reservation,
              () => make(target, job),
              (made) => made.uuid,
            ),
          { forJobs: true },
        ),
      { target: `guest:${hostId}/${uuid}` },
    ),
  );

  async function make(target: GuestTarget, job: JobHandle) {
    await checkTemplate(target);
    const steps =
      prepared.mode === "linked" ? prepared.overlays.length + 2 : prepared.copies.reduce((s, c) => s + c.disk.allocationBytes, 0);
    job.progress(0, steps);
    const disks =
      prepared.mode === "linked"
        ? await makeOverlays(target, hostId, plan.disks, prepared.overlays, job)
        : await makeCopies(target, hostId, plan.disks, prepared.copies, job);
    const template = seed ? Domain.parse(await target.lv.domains.xml(target.dom, INACTIVE_SECURE)) : null;
    const seedDisk = seed && template ? await seed({ lv: target.lv, hostId, name: input.name, job, template }) : null;
    const made = await defineClone(
      target,
      hostId,
      { name: input.name, disks, ...sizes, extraDisks: seedDisk ? [seedDisk] : [], dropMetadata: [CONSOLE_TEMPLATE_NS] },
      plan.nvram,
      job,
    );
    if (input.start) {
      if (job.signal.aborted) throw jobError("cancelled");
      await target.lv.domains.start(made.ref);
    }
    if (prepared.mode === "linked") job.progress(steps);
    return { name: made.name, uuid: made.uuid };
  }
}

/** Only a template, and only while it is shut off (started from elsewhere, its disks are being written). */
async function checkTemplate(target: GuestTarget): Promise<void> {
  const { lv, dom } = target;
  if (!(await isTemplate(target))) throw new ApiError(409, { key: "notATemplate", values: { guest: dom.name } });
  const state = await lv.domains.state(dom);
  if (state.name !== "shutoff") throw new ApiError(409, { key: "templateRunning", values: { guest: dom.name } });
}

async function prepare(ctx: VerbContext, hostId: string, uuid: string, input: FromTemplateInput) {
  const target = await resolveGuest(hostId, uuid);
  await checkTemplate(target);
  const plan = await planClone(ctx, { hostId, uuid });
  const { lv } = target;
  const domain = Domain.parse(await lv.domains.xml(target.dom, INACTIVE_SECURE));
  if ((await lv.domains.list()).some((g) => g.name === input.name))
    throw new ApiError(409, { key: "guestExists", values: { name: input.name } }, { name: { key: "nameTaken" } });
  // The seed goes next to the new guest's first disk (the pool of the template's).
  const seedPool = plan.disks.find((d) => d.defaultAction === "copy" && d.pool)?.pool ?? plan.disks.find((d) => d.pool)?.pool ?? "default";
  if (input.cloudInit) await checkSeedFree(lv, seedPool, input.name);
  if (input.mode === "copy")
    return {
      mode: "copy" as const,
      plan,
      domain,
      seedPool,
      copies: (await chooseCopies(lv, plan.disks, plan.name, { name: input.name, disks: [] })) as Copy[],
    };
  return { mode: "linked" as const, plan, domain, seedPool, overlays: await chooseOverlays(lv, plan.disks, plan.name, input.name) };
}

/** A seed volume left by an earlier guest of this name is refused before the job starts (the person picks another name). */
async function checkSeedFree(lv: Libvirt, poolName: string, guestName: string): Promise<void> {
  const name = seedVolumeName(guestName);
  if ((await lv.storage.listVolumes(await lv.storage.lookupPool(poolName))).some((v) => v.name === name))
    throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name } }, { name: { key: "removeOldSeed" } });
}

/**
 * The wizard's NoCloud seed for the new guest: rendered with a new instance id (so cloud-init in the copy runs again:
 * a fresh machine-id and host keys) and the guest's own host name, users and network, uploaded as a volume recorded
 * by the job (a later failure removes it), and attached as a read-only CD-ROM in place of any seed the template has.
 */
function cloudInitSeed(config: CloudInitInput, pool: string): SeedHook {
  return async ({ lv, hostId, name, job, template }) => {
    if (job.signal.aborted) throw jobError("cancelled");
    // The template's own seed (made from a seeded guest) is replaced: its drive is free for the new one.
    const old = template.devices.disks.find((d) => d.alias === SEED_ALIAS);
    old?.removeFromParent();
    await job.making({ kind: "volume", hostId, pool, name: seedVolumeName(name) }, () =>
      attachCloudInitSeed(lv, { pool, guestName: name, domain: template, config }),
    );
    return template.devices.disks.find((d) => d.alias === SEED_ALIAS)?.toXml() ?? null;
  };
}

/** The overlay for each of the template's writable pool disks (the others are shared read-only, as a clone does), named free. */
async function chooseOverlays(lv: Libvirt, disks: readonly CloneDiskPlan[], template: string, name: string): Promise<Overlay[]> {
  const proposals = proposeCopyNames(disks, template, name);
  const overlays: Overlay[] = [];
  for (const [index, disk] of disks.entries()) {
    if (disk.defaultAction !== "copy" || !disk.pool || !disk.volume) continue;
    const pool = await lv.storage.lookupPool(disk.pool);
    const base = StorageVolume.parse(await lv.storage.volumeXml(await lv.storage.lookupVolume(pool, disk.volume)));
    if (!base.targetPath || base.type === "block" || base.type === "network")
      throw new ApiError(409, { key: "linkedCloneNeedsFile", values: { disk: disk.target } });
    const overlayName = `${(proposals[index] ?? `${name}-${disk.target}`).replace(/\.[A-Za-z0-9]{1,8}$/, "")}.qcow2`;
    overlays.push({
      index,
      target: disk.target,
      pool: disk.pool,
      base: base.targetPath,
      capacityBytes: disk.capacityBytes ?? 0,
      name: overlayName,
    });
  }
  for (const poolName of new Set(overlays.map((o) => o.pool))) {
    const existing = new Set((await lv.storage.listVolumes(await lv.storage.lookupPool(poolName))).map((v) => v.name));
    const taken = overlays.find((o) => o.pool === poolName && existing.has(o.name));
    if (taken)
      throw new ApiError(409, { key: "volumeExists", values: { pool: poolName, name: taken.name } }, { name: { key: "diskNameExists" } });
  }
  return overlays;
}

/** Creates the overlays (qcow2, backing store = the template's disk); each is recorded before the next. */
async function makeOverlays(
  target: GuestTarget,
  hostId: string,
  disks: readonly CloneDiskPlan[],
  overlays: readonly Overlay[],
  job: JobHandle,
): Promise<ClonedDisk[]> {
  const { lv } = target;
  const result: ClonedDisk[] = disks.map((d) => ({ target: d.target, share: true }));
  for (const [i, o] of overlays.entries()) {
    if (job.signal.aborted) throw jobError("cancelled");
    const pool = await lv.storage.lookupPool(o.pool);
    const baseFormat = disks[o.index].format ?? "raw";
    const xml = new StorageVolume({
      name: o.name,
      capacityBytes: o.capacityBytes,
      format: "qcow2",
      compat: QCOW2_V3,
      backingPath: o.base,
      backingFormat: baseFormat,
    }).toXml();
    const made = await job.making({ kind: "volume", hostId, pool: o.pool, name: o.name }, () => lv.storage.createVolume(pool, xml));
    result[o.index] = { target: o.target, path: made.key, backing: { path: o.base, format: baseFormat } };
    job.progress(i + 1);
  }
  return result;
}
