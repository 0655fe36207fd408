import "server-only";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { DefineXmlInput } from "@/lib/validations/hardware/sections";
import { Domain } from "@/lib/xml";
import { ApiError } from "../../http/errors";
import { auditedHardwareChange, type ChangeRequest } from "./change";
import { loadDefinition, loadForChange, saveXml } from "./definition";
import type { HardwareTarget } from "./hardware-target";

/**
 * The saved definition for the XML tab. Those who may change the guest get it with secrets, since
 * defining it back must not drop a display password; others get it without.
 */
export async function readGuestXml(target: HardwareTarget, withSecrets: boolean): Promise<{ xml: string; etag: string }> {
  const { savedXml, etag } = await loadDefinition(target);
  if (withSecrets || target.draft) return { xml: savedXml, etag };
  return { xml: await target.lv.domains.xml(target.dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE), etag };
}

const MAX_AUDITED_LINES = 40;

/** Lines only in one side, for the audit log (a set difference is enough to say what changed). */
function changedLines(before: string, after: string): { before: string[]; after: string[] } {
  const lines = (xml: string) => xml.split("\n").map((l) => l.trim().replace(/passwd=(['"])[^'"]*\1/g, "passwd='(hidden)'"));
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
 * would define another guest, and renaming has its own action.
 */
export async function defineGuestXml(req: ChangeRequest, input: DefineXmlInput): Promise<{ ok: true }> {
  return auditedHardwareChange(req, "guest.xml", async (target, details) => {
    const { saved, savedXml } = await loadForChange(target, input.etag);
    let edited: Domain;
    try {
      edited = Domain.parse(input.xml);
    } catch (err) {
      throw new ApiError(422, "Some fields are not valid", { xml: `Not a domain definition: ${(err as Error).message}` });
    }
    if ((edited.uuid ?? saved.uuid)?.toLowerCase() !== saved.uuid?.toLowerCase())
      throw new ApiError(422, "Some fields are not valid", { xml: "The UUID cannot change" });
    if (edited.name !== saved.name)
      throw new ApiError(422, "Some fields are not valid", { xml: "Rename the guest with its Rename action, not in the XML" });
    Object.assign(details, changedLines(savedXml, input.xml));
    await saveXml(target, input.xml);
    return { ok: true };
  });
}
