import "server-only";
import type { VerbContext } from "../../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainMetadataType } from "@/lib/libvirt/generated/flags";
import type { GeneralInput } from "@/lib/validations/hardware/sections";
import { auditDiff, auditedHardwareChange } from "./change";
import { AFFECT_CONFIG, AFFECT_LIVE, loadForChange, saveDefinition } from "./definition";

/** Title and description, through libvirt's metadata call: it changes the running guest and the saved definition together. */
export async function setGeneral(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & GeneralInput): Promise<HardwareChangeResult> {
  return auditedHardwareChange(ctx, { hostId, uuid }, "guest.general", async (target, details) => {
    const definition = await loadForChange(target, input.etag);
    const { saved, live } = definition;
    Object.assign(
      details,
      auditDiff({ title: saved.title ?? "", description: saved.description ?? "" }, { title: input.title, description: input.description }),
    );
    if (target.draft) {
      saved.title = input.title || undefined;
      saved.description = input.description || undefined;
      await saveDefinition(definition);
      return { ok: true, live: "not-running" };
    }
    const flags = flagSet(AFFECT_CONFIG, live ? AFFECT_LIVE : 0);
    const { VIR_DOMAIN_METADATA_TITLE, VIR_DOMAIN_METADATA_DESCRIPTION } = VirDomainMetadataType;
    await target.lv.domains.setMetadata(target.dom, VIR_DOMAIN_METADATA_TITLE, input.title || null, flags);
    await target.lv.domains.setMetadata(target.dom, VIR_DOMAIN_METADATA_DESCRIPTION, input.description || null, flags);
    return { ok: true, live: live ? "applied" : "not-running" };
  });
}
