import "server-only";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import type { GuestRef } from "@/lib/guests/types";
import { auditRow } from "../audit";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { hostConnection } from "../storage/storage-target";
import { checkNameAndMemory, createGuest } from "./create-guest";
import { claimInstall, completeDraft, createDraft, discardDraft, installRunning, requireDraft } from "./drafts";
import { planGuest } from "./plan";
import { startOvaDraft } from "../ova/import-ova";
import { withHashedPasswords } from "../cloud-init/render";

/**
 * "Customize configuration before install": checks the answers like Finish does and keeps the planned
 * guest as a draft for the hardware pages. Nothing is created in libvirt until the install.
 */
export async function startCustomizing(
  ctx: VerbContext,
  { hostId, ...input }: { hostId: string } & NewGuestInput,
): Promise<{ uuid: string }> {
  // An install script needs its passwords in clear text, which a draft kept for an hour must not hold.
  if ((input.install.method === "url" || input.install.method === "iso") && input.install.unattended)
    throw new ApiError(409, { key: "unattendedWithCustomize" }, { "install.unattended": { key: "unattendedWithCustomize" } });
  // An appliance's disks are converted first; its draft is built from them (lib/server/ova).
  if (input.install.method === "ova") return startOvaDraft(ctx, { hostId, ...input, install: input.install });
  const { lv, hostName } = await hostConnection(hostId);
  await checkNameAndMemory(lv, hostName, input.name, input.memoryMiB);
  const { domain } = await planGuest(lv, input, hostId);
  // A draft lives in the database for an hour: cloud-init passwords are kept only as hashes.
  const draft = await createDraft(ctx.actor, hostId, withHashedPasswords(input), domain);
  await auditRow(
    ctx,
    {
      action: "guest.draft.create",
      target: `guest:${hostName}/${input.name} (${draft.uuid})`,
      details: { os: input.os, install: input.install.method },
    },
    "ok",
  );
  return { uuid: draft.uuid };
}

/**
 * "Begin installation": creates the guest from the customized draft (disk, definition, start), with
 * Finish's checks and rollback. A failure keeps the draft, so it can be fixed and tried again.
 */
export async function installDraft(ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<{ uuid: string; name: string; notes: string[] }> {
  const draft = await requireDraft(ctx.actor, hostId, uuid);
  const release = await claimInstall(draft);
  try {
    const created = await createGuest(ctx, { hostId, ...draft.input, customized: { domain: draft.domain, autostart: draft.autostart } });
    await completeDraft(draft.uuid);
    return created;
  } finally {
    await release();
  }
}

/** "Cancel installation": drops the draft and removes what editing it made (new disk volumes). */
export async function cancelDraft(ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<{ ok: true }> {
  const draft = await requireDraft(ctx.actor, hostId, uuid);
  if (await installRunning(draft)) throw new ApiError(409, { key: "installingNoCancel" });
  const { hostName } = await hostConnection(hostId);
  const undone = await discardDraft(draft.uuid);
  await auditRow(
    ctx,
    { action: "guest.draft.cancel", target: `guest:${hostName}/${draft.input.name} (${draft.uuid})`, details: { undone } },
    "ok",
  );
  return { ok: true };
}
