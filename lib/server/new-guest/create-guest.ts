import "server-only";
import { formatBytes } from "@/lib/text/format";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import type { Libvirt } from "@/lib/libvirt";
import { uuidToString, type DomainRef } from "@/lib/libvirt/api/domains";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainUndefineFlagsValues as Undefine } from "@/lib/libvirt/generated/flags";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import { Domain, newVolumeCompat, StorageVolume } from "@/lib/xml";
import { auditRow } from "../audit";
import { log } from "../log";
import type { VerbContext } from "../verb-context";
import { ApiError, isApiError, reasonOf } from "../http/errors";
import { hostInventory } from "../guests/inventory";
import { hostConnection } from "../storage/storage-target";
import { attachCloudInitSeed } from "../cloud-init/attach-seed";
import { attachUnattendedMedia } from "../unattended/attach-media";
import { prepareUnattended, type PreparedScript } from "../unattended/prepare";
import { installerUrl } from "./install-tree";
import { networkInstall } from "./network-install";
import { newDiskName, planGuest } from "./plan";
import { confirmGuest, guestSize, releaseGuest, reserveGuest, type Reservation } from "../quotas/reserve-guest";

const CPU_REFUSED = /failed to set MSR|kvm_buf_set_msrs|host CPU|unsupported configuration: CPU/i;

/** The steps of creating a guest; "apiErrors.createFailed" names the one that failed. */
type Step = "check" | "unattended" | "fetch" | "volume" | "seed" | "define" | "start";

/**
 * "Finish": checks what the server must not take on trust (name free, memory the host has, space in
 * the pool), creates the disk volume, defines the guest and starts it. If a step fails, what this run
 * made is removed again (guest, NVRAM, volume) and the error names the step and libvirt's reason.
 */
export async function createGuest(
  ctx: VerbContext,
  { hostId, customized, ...input }: { hostId: string; customized?: CustomizedGuest } & NewGuestInput,
): Promise<{ uuid: string; name: string; notes: string[] }> {
  const { lv, hostName } = await hostConnection(hostId, { forJobs: true });
  const target = `guest:${hostName}/${input.name}`;
  let step: Step = "check";
  let volume: VolumeRef | null = null;
  let seed: VolumeRef | null = null;
  let media: VolumeRef | null = null;
  const installerFiles: VolumeRef[] = [];
  let dom: DomainRef | null = null;
  let reservation: Reservation | null = null;
  try {
    // An appliance is always customized first: its disks are made for the draft (startOvaDraft).
    if (input.install.method === "ova" && !customized) throw new ApiError(409, { key: "ovaCustomizeFirst" });
    const memoryMiB = customized ? (customized.domain.currentMemoryKiB ?? customized.domain.memoryKiB ?? 0) / 1024 : input.memoryMiB;
    await checkNameAndMemory(lv, hostName, input.name, memoryMiB);
    const domain = customized?.domain ?? (await planGuest(lv, input, hostId)).domain;
    reservation = await reserveGuest(ctx, {
      hostId,
      name: input.name,
      size: guestSize(domain, input.storage.kind === "new" ? input.storage.capacityBytes : 0),
    });
    let script: PreparedScript | undefined;
    if ((input.install.method === "url" || input.install.method === "iso") && input.install.unattended) {
      step = "unattended";
      if (customized) throw new ApiError(409, { key: "unattendedWithCustomize" });
      script = await prepareUnattended({
        osId: input.os,
        route: input.install.method === "url" ? "initrd" : "cdrom",
        answers: input.install.unattended,
        guestName: input.name,
        arch: domain.os.arch ?? "x86_64",
        treeUrl: input.install.method === "url" ? installerUrl(input.install.url) : undefined,
      });
    }

    if (input.storage.kind === "new") {
      step = "volume";
      const pool = await lv.storage.lookupPool(input.storage.pool);
      const available = Number((await lv.storage.poolInfo(pool)).available);
      const needed = input.storage.allocateNow ? input.storage.capacityBytes : 0;
      if (needed > available)
        throw new ApiError(
          409,
          { key: "diskNeedsSpace", values: { pool: input.storage.pool, free: formatBytes(available), needed: formatBytes(needed) } },
          {
            "storage.capacityBytes": { key: "moreThanPoolSpace" },
          },
        );
      const xml = new StorageVolume({
        name: newDiskName(input),
        capacityBytes: input.storage.capacityBytes,
        allocationBytes: needed,
        format: input.storage.format,
        compat: newVolumeCompat(input.storage.format),
      }).toXml();
      volume = await lv.storage.createVolume(pool, xml);
    }
    if (input.install.method === "import" && input.install.cloudInit) {
      step = "seed";
      const { pool, cloudInit } = input.install;
      seed = (await attachCloudInitSeed(lv, { pool, guestName: input.name, domain, config: cloudInit })).volume;
    }
    if (input.install.method === "iso" && script) {
      step = "unattended";
      const pool = input.storage.kind === "new" ? input.storage.pool : input.install.pool;
      media = await attachUnattendedMedia(lv, { pool, guestName: input.name, domain, script });
    }
    let installXml: string | null = null;
    if (input.install.method === "url") {
      step = "fetch";
      installXml = await networkInstall(lv, input, domain, installerFiles, script);
    }
    step = "define";
    dom = await lv.domains.define(domain.toXml());
    if (customized?.autostart) await lv.domains.setAutostart(dom, true);
    step = "start";
    const notes: string[] = [];
    try {
      await startFirstTime(lv, dom, installXml);
    } catch (err) {
      // Some (nested) KVM hosts cannot pass their CPU through; QEMU's default model still runs there.
      if (!domain.cpu.mode || !CPU_REFUSED.test((err as Error).message)) throw err;
      domain.cpu.removeFromParent();
      domain.uuid = uuidToString(dom.uuid); // a redefinition of the same guest, not a second one
      dom = await lv.domains.define(domain.toXml());
      await startFirstTime(lv, dom, installXml && withoutCpu(installXml));
      notes.push(
        `This host's KVM refused to pass its CPU through (${(err as Error).message.split("\n")[0]}); the guest uses QEMU's default CPU model instead.`,
      );
    }
    // QEMU has read the installer's kernel and initrd into the guest's memory once it runs: their volumes go now,
    // as virt-install removes its own copies (the initrd may carry the unattended script and its passwords).
    for (const file of installerFiles.splice(0))
      await lv.storage
        .deleteVolume(file)
        .catch((err: Error) => log.warn({ err, volume: file.name }, "new guest: an installer file could not be removed"));
    hostInventory(hostId).invalidate();
    const uuid = uuidToString(dom.uuid);
    if (reservation) await confirmGuest(reservation, uuid);
    await auditRow(
      ctx,
      {
        action: "guest.create",
        target: `${target} (${uuid})`,
        details: {
          os: input.os,
          install: input.install.method,
          storage: input.storage.kind,
          ...(seed ? { cloudInitSeed: seed.name } : {}),
          // Which script and profile, never the answers (they hold passwords).
          ...(script ? { unattended: { script: script.scriptId, profile: script.profile, ...(media ? { medium: media.name } : {}) } } : {}),
        },
      },
      "ok",
    );
    return { uuid, name: input.name, notes };
  } catch (err) {
    if (reservation) await releaseGuest(reservation);
    if (dom) {
      await lv.domains.destroy(dom).catch(() => undefined);
      await lv.domains
        .undefine(dom, flagSet(Undefine.VIR_DOMAIN_UNDEFINE_NVRAM, Undefine.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE))
        .catch(() => undefined);
    }
    for (const made of [volume, seed, media, ...installerFiles]) if (made) await lv.storage.deleteVolume(made).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    await auditRow(ctx, { action: "guest.create", target, details: { step, error: reason } }, "error");
    // Refused answers are said at their fields, like the checks: nothing was made yet.
    if (isApiError(err) && (step === "check" || (step === "unattended" && !volume && !media))) throw err;
    const kept = dom || volume || seed || media || installerFiles.length ? "yes" : "no";
    throw new ApiError(
      isApiError(err) ? err.status : 409,
      // Why the step failed inside the sentence naming it: by key when it was said so (libvirt's text as it is).
      { key: "createFailed", values: { step, reason: reasonOf(err), kept } },
      isApiError(err) ? err.saidFields : undefined,
    );
  }
}

/** A draft's hardware as customized before install, used instead of the plan. */
export type CustomizedGuest = { domain: Domain; autostart: boolean };

/** What the server does not take on trust: the name is free on the host, and the host has the memory. */
export async function checkNameAndMemory(lv: Libvirt, hostName: string, name: string, memoryMiB: number): Promise<void> {
  if ((await lv.domains.list()).some((d) => d.name === name))
    throw new ApiError(409, { key: "guestExistsOn", values: { name, host: hostName } }, { name: { key: "nameTaken" } });
  const hostMiB = Number((await lv.host.nodeInfo()).memory) / 1024;
  if (memoryMiB > hostMiB)
    throw new ApiError(
      409,
      { key: "hostMemoryTotal", values: { size: formatBytes(hostMiB * 1024 * 1024) } },
      { memoryMiB: { key: "moreThanHostHas" } },
    );
}

/** A network install boots the fetched installer once (a live definition with the guest's UUID); otherwise the guest just starts. */
async function startFirstTime(lv: Libvirt, dom: DomainRef, installXml: string | null): Promise<void> {
  if (!installXml) return lv.domains.start(dom).then(() => undefined);
  const live = Domain.parse(installXml);
  live.uuid = uuidToString(dom.uuid);
  await lv.domains.createTransient(live.toXml());
}

function withoutCpu(xml: string): string {
  const dom = Domain.parse(xml);
  dom.cpu.removeFromParent();
  return dom.toXml();
}
