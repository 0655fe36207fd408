import "server-only";
import { jobLabel } from "@/lib/server/jobs/job-label";
import type { JobView } from "@/lib/jobs/types";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainSnapshotCreateFlags } from "@/lib/libvirt/generated/flags";
import { buildSnapshotXml } from "@/lib/snapshots/build-xml";
import { snapshotOptions, snapshotReasonText } from "@/lib/snapshots/model";
import { DomainSnapshot, StoragePool } from "@/lib/xml";
import type { CreateSnapshotInput } from "@/lib/validations/snapshots";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { encodePng, parsePpm } from "../../images/png";
import { ApiError } from "../../http/errors";
import { jobs } from "../../jobs/jobs";
import { englishTranslator } from "../../i18n/english";
import { changeGuest, resolveGuest, type GuestTarget } from "../guest-target";
import { stateName } from "./list-snapshots";
import { liveDomain, snapshotGuestFacts, volumeDiskFiles } from "./snapshot-facts";
import { withJobProgress } from "./snapshot-job";
import { recordSnapshotOwner } from "./snapshot-owners";
import { saveSnapshotScreenshot } from "./snapshot-screens";

const english = englishTranslator("snapshotWords");
/** The kind as its message selects it (ICU selectors take no hyphen). */
const kindWord = { internal: "internal", "external-disk": "disk", "external-memory": "memory" } as const;

const { VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY, VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC } = VirDomainSnapshotCreateFlags;

/**
 * Takes a snapshot as a job (with memory it writes the whole RAM). Kinds the guest cannot have are
 * refused with the reason before libvirt is asked; a running guest's screen is kept as a picture.
 */
export async function createSnapshot(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & CreateSnapshotInput): Promise<JobView> {
  const watch = await resolveGuest(hostId, uuid);
  const { lv, dom } = watch;
  if (
    await lv.domains.lookupSnapshot(dom, input.name).then(
      () => true,
      () => false,
    )
  ) {
    throw new ApiError(409, { key: "snapshotExists", values: { guest: dom.name, name: input.name } }, { name: { key: "nameTaken" } });
  }
  const [domain, info] = await Promise.all([liveDomain(lv, dom), lv.domains.info(dom)]);
  const state = stateName(info.state);
  const volumeFiles = await volumeDiskFiles(lv, domain);
  const option = snapshotOptions(snapshotGuestFacts(domain, state, volumeFiles))[input.kind];
  if (!option.available) {
    // A last guard (the dialog offers no kind that is not possible): the kind in the reader's words, the reason in
    // English for the log.
    const error = new ApiError(409, { key: "snapshotNotPossible", values: { kind: kindWord[input.kind] } });
    error.message += `: ${snapshotReasonText(english, option.reason)}`;
    throw error;
  }
  const xml = buildSnapshotXml(input.kind, input.name, input.description, domain, volumeFiles);
  await refuseTakenFiles(lv, xml);
  const flags = flagSet(VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC, input.kind === "external-disk" ? VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY : 0);
  const screen = state === "running" || state === "paused" ? await screenPng(watch).catch(() => null) : null;

  return jobs().start(ctx.actor.id, "snapshot.create", jobLabel("snapshotCreate", { name: input.name, guest: dom.name }), (job) =>
    changeGuest(
      ctx,
      { action: "snapshot.create", hostId, uuid, details: { name: input.name, kind: input.kind } },
      async (target) => {
        await withJobProgress(watch, job, () => target.lv.domains.createSnapshot(target.dom, xml, flags));
        if (screen) await saveSnapshotScreenshot(hostId, uuid, input.name, screen).catch(() => undefined);
        await recordSnapshotOwner(ctx, { hostId, uuid }, input.name);
        return { name: input.name };
      },
      { forJobs: true },
    ),
  );
}

async function screenPng({ lv, dom }: GuestTarget): Promise<Buffer> {
  const { mime, data } = await lv.domains.screenshot(dom);
  return mime === "image/png" ? data : encodePng(parsePpm(data));
}

/**
 * libvirt 9.0 writes an external snapshot's new files over whatever is there, so a file a storage pool
 * holds is refused here. The pools whose directory gets a new file are refreshed first, so files made
 * outside libvirt count too; files outside any pool cannot be seen through libvirt.
 */
async function refuseTakenFiles(lv: GuestTarget["lv"], xml: string): Promise<void> {
  const snapshot = DomainSnapshot.parse(xml);
  const files = [...snapshot.disks.items.map((d) => d.sourceFile), snapshot.memoryFile].filter((f): f is string => f !== undefined);
  if (files.length === 0) return;
  const dirs = new Set(files.map((f) => f.slice(0, f.lastIndexOf("/"))));
  for (const pool of (await lv.storage.listPools()).filter((p) => p.active)) {
    const target = StoragePool.parse(await lv.storage.poolXml(pool.ref)).targetPath?.replace(/\/+$/, "");
    if (target && dirs.has(target)) await lv.storage.refreshPool(pool.ref).catch(() => undefined);
  }
  for (const file of files) {
    if (
      await lv.storage.lookupVolumeByPath(file).then(
        () => true,
        () => false,
      )
    )
      throw new ApiError(409, { key: "snapshotFileExists", values: { file } });
  }
}
