import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { ClonedDisk } from "@/lib/guests/clone-xml";
import { proposeCopyNames, type CloneDiskPlan } from "@/lib/guests/clone-plan";
import type { GuestRef } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import type { Libvirt } from "@/lib/libvirt";
import type { FromTemplateInput } from "@/lib/validations/templates";
import { CONSOLE_TEMPLATE_NS, QCOW2_V3, StorageVolume } from "@/lib/xml";
import { ApiError } from "../http/errors";
import { jobs, type JobHandle } from "../jobs/jobs";
import type { VerbContext } from "../verb-context";
import { chooseCopies, defineClone, makeCopies, type Copy } from "../guests/clone/clone-guest";
import { planClone } from "../guests/clone/plan-clone";
import { changeGuest, refuseGuestChange, resolveGuest, type GuestTarget } from "../guests/guest-target";
import { isTemplate } from "./template-mark";

/**
 * Where a cloud-init seed (or any other medium) joins the new guest: called after its disks exist and before it is
 * defined; returns <disk> XML to add, or null. Volumes it creates go through `job.making`, so a failure removes them.
 */
export type SeedHook = (made: { lv: Libvirt; hostId: string; name: string; job: JobHandle }) => Promise<string | null>;

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
  { seed }: { seed?: SeedHook } = {},
): Promise<JobView> {
  const change = {
    action: "template.create-guest" as const,
    hostId,
    uuid,
    details: { name: input.name, mode: input.mode, start: input.start },
  };
  const prepared = await prepare(ctx, hostId, uuid, input).catch((err: unknown) => refuseGuestChange(ctx, change, err));
  const { plan } = prepared;
  const sizes = { vcpus: input.vcpus, memoryMiB: input.memoryMiB };

  return jobs().start(
    ctx.actor.id,
    "template.create-guest",
    jobLabel("fromTemplate", { name: input.name, template: plan.name }),
    (job) =>
      changeGuest(
        ctx,
        change,
        async (target) => {
          await checkTemplate(target);
          const steps =
            prepared.mode === "linked" ? prepared.overlays.length + 2 : prepared.copies.reduce((s, c) => s + c.disk.allocationBytes, 0);
          job.progress(0, steps);
          const disks =
            prepared.mode === "linked"
              ? await makeOverlays(target, hostId, plan.disks, prepared.overlays, job)
              : await makeCopies(target, hostId, plan.disks, prepared.copies, job);
          const seedDisk = seed ? await seed({ lv: target.lv, hostId, name: input.name, job }) : null;
          const made = await defineClone(
            target,
            hostId,
            { name: input.name, disks, ...sizes, extraDisks: seedDisk ? [seedDisk] : [], dropMetadata: [CONSOLE_TEMPLATE_NS] },
            plan.nvram,
            job,
          );
          if (input.start) {
            if (job.signal.aborted) throw new Error("Cancelled");
            await target.lv.domains.start(made.ref);
          }
          if (prepared.mode === "linked") job.progress(steps);
          return { name: made.name, uuid: made.uuid };
        },
        { forJobs: true },
      ),
    { target: `guest:${hostId}/${uuid}` },
  );
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
  if ((await lv.domains.list()).some((g) => g.name === input.name))
    throw new ApiError(409, { key: "guestExists", values: { name: input.name } }, { name: { key: "nameTaken" } });
  if (input.mode === "copy")
    return {
      mode: "copy" as const,
      plan,
      copies: (await chooseCopies(lv, plan.disks, plan.name, { name: input.name, disks: [] })) as Copy[],
    };
  return { mode: "linked" as const, plan, overlays: await chooseOverlays(lv, plan.disks, plan.name, input.name) };
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
    if (job.signal.aborted) throw new Error("Cancelled");
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
