import "server-only";
import type { VerbContext } from "../../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import { changedSecrets, PlaceholderWithoutSecretError, redactDomainXml, restoreSecrets } from "@/lib/guests/domain-secrets";
import type { DefineXmlInput } from "@/lib/validations/hardware/sections";
import { Domain } from "@/lib/xml";
import { invalidFields } from "../../http/errors";
import { changeGuest } from "../guest-target";
import { loadDefinition, loadForChange, saveXml } from "./definition";
import { viewHardwareTarget, withDrafts } from "./hardware-target";

/**
 * The saved definition for the XML tab, with every secret replaced by the placeholder (for everyone:
 * those who may change the guest define it back, and the placeholder keeps the stored value).
 */
export async function readGuestXml(ctx: VerbContext, ref: GuestRef): Promise<{ xml: string; etag: string }> {
  const { savedXml, etag } = await loadDefinition(await viewHardwareTarget(ctx, ref));
  return { xml: redactDomainXml(savedXml), etag };
}

const MAX_AUDITED_LINES = 40;

/** Lines only in one side, for the audit log (a set difference is enough to say what changed); secrets hidden. */
function changedLines(before: Domain, after: Domain): { before: string[]; after: string[] } {
  const lines = (domain: Domain) =>
    redactDomainXml(domain.toXml())
      .split("\n")
      .map((l) => l.trim());
  const a = lines(before);
  const b = lines(after);
  const inA = new Set(a);
  const inB = new Set(b);
  return {
    before: a.filter((l) => !inB.has(l)).slice(0, MAX_AUDITED_LINES),
    after: b.filter((l) => !inA.has(l)).slice(0, MAX_AUDITED_LINES),
  };
}

/**
 * Defines hand-edited XML. libvirt validates it against its schema before anything changes
 * (VIR_DOMAIN_DEFINE_VALIDATE) and its message is the error. Name and UUID must stay: a different UUID
 * would define another guest, and renaming has its own action. Where the XML still has the secret
 * placeholder, the stored value is put back; a value typed in its place is the new one.
 */
export async function defineGuestXml(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & DefineXmlInput): Promise<{ ok: true }> {
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.xml" },
    async (target, details) => {
      const { saved } = await loadForChange(target, input.etag);
      let edited: Domain;
      try {
        edited = Domain.parse(input.xml);
      } catch (err) {
        throw invalidFields({ xml: { key: "notDomainXml", values: { detail: (err as Error).message } } });
      }
      if ((edited.uuid ?? saved.uuid)?.toLowerCase() !== saved.uuid?.toLowerCase()) throw invalidFields({ xml: { key: "uuidFixed" } });
      if (edited.name !== saved.name) throw invalidFields({ xml: { key: "renameViaAction" } });
      try {
        restoreSecrets(edited, saved);
      } catch (err) {
        if (err instanceof PlaceholderWithoutSecretError) throw invalidFields({ xml: err.message });
        throw err;
      }
      const secrets = changedSecrets(saved, edited);
      Object.assign(details, changedLines(saved, edited), secrets.length ? { secretsChanged: secrets } : {});
      await saveXml(target, edited.toXml());
      return { ok: true };
    },
    withDrafts(ctx),
  );
}
