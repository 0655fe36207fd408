import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { uuidToString } from "@/lib/libvirt/api/domains";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainDefineFlags, VirDomainModificationImpact, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import { ApiError } from "../../http/errors";
import { secretKey } from "../../hosts/secret-key";
import { processSingleton } from "../../process-singleton";
import { saveDraft } from "../../new-guest/drafts";
import { refuseTemplateStart } from "../../templates/template-mark";
import { schemaProblem } from "../../xml/schema-check";
import { cpuAndMemoryOf } from "../../quotas/reserve-guest";
import { resizeOwnedGuest } from "../../quotas/resize-owned";
import type { HardwareTarget } from "./hardware-target";

const { VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE } = VirDomainXMLFlags;
export const AFFECT_LIVE = VirDomainModificationImpact.VIR_DOMAIN_AFFECT_LIVE;
export const AFFECT_CONFIG = VirDomainModificationImpact.VIR_DOMAIN_AFFECT_CONFIG;

/** A guest's saved definition and, while it runs, its live one; both with secrets, so a define keeps passwords. */
export interface GuestDefinition {
  target: HardwareTarget;
  saved: Domain;
  savedXml: string;
  live: Domain | null;
  etag: string;
}

// The etag is computed over the definition with its secrets, so a plain hash would let anyone holding the
// redacted XML test guesses of a display password offline. Keyed instead, with a key derived from the console's
// secret key: the same on every instance and across restarts (a page may load from one instance and save
// through another), and never the key itself.
const etagKey = () =>
  processSingleton("definition-etag-key", () => Buffer.from(hkdfSync("sha256", secretKey(), "", "definition-etag", 32)));

export const etagOf = (xml: string): string => createHmac("sha256", etagKey()).update(xml).digest("base64url").slice(0, 22);

export async function loadDefinition(target: HardwareTarget): Promise<GuestDefinition> {
  if (target.draft) {
    // A copy: the draft changes only when a change is saved.
    const savedXml = target.draft.domain.toXml();
    return { target, saved: Domain.parse(savedXml), savedXml, live: null, etag: etagOf(savedXml) };
  }
  const { lv, dom } = target;
  const [savedXml, active] = await Promise.all([
    lv.domains.xml(dom, flagSet(VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE)),
    lv.domains.isActive(dom),
  ]);
  const liveXml = active ? await lv.domains.xml(dom, VIR_DOMAIN_XML_SECURE) : null;
  return { target, saved: Domain.parse(savedXml), savedXml, live: liveXml ? Domain.parse(liveXml) : null, etag: etagOf(savedXml) };
}

/**
 * Loads the definition a change is about and refuses when it is not the one the person saw: a
 * change made on a stale page would silently undo someone else's.
 */
export async function loadForChange(target: HardwareTarget, etag: string): Promise<GuestDefinition> {
  const definition = await loadDefinition(target);
  if (definition.etag !== etag) {
    throw new ApiError(409, { key: "definitionChanged" });
  }
  if (!target.draft && !(await target.lv.domains.isPersistent(target.dom))) {
    throw new ApiError(409, { key: "transientGuest" });
  }
  return definition;
}

/** Defines the edited saved definition; libvirt validates it against its schema first and its refusal is the error. */
export async function saveDefinition(definition: GuestDefinition): Promise<void> {
  await saveXml(definition.target, definition.saved.toXml());
}

/**
 * Defines a guest's XML, or keeps it as the draft's after the same schema check libvirt would make
 * (the install defines it with libvirt's full checks).
 */
export async function saveXml(target: HardwareTarget, xml: string): Promise<void> {
  if (target.draft) {
    const problem = await schemaProblem(xml);
    if (problem) throw new ApiError(422, { key: "schemaRejects", values: { problem } });
    target.draft.domain = Domain.parse(xml);
    await saveDraft(target.draft);
    return;
  }
  // More vCPUs or memory count against the quotas of the person who made the guest, as its creation did.
  const size = cpuAndMemoryOf(Domain.parse(xml));
  await resizeOwnedGuest(
    uuidToString(target.dom.uuid),
    (now) => ({ ...now, ...size }),
    // The guest list forgets cached sizes and titles on the DEFINED event this raises.
    () => target.lv.domains.define(xml, VirDomainDefineFlags.VIR_DOMAIN_DEFINE_VALIDATE),
  );
}

/** Autostart lives in libvirt for a guest, and with the draft until its install. */
export async function readAutostart(target: HardwareTarget): Promise<boolean> {
  return target.draft ? target.draft.autostart : target.lv.domains.autostart(target.dom);
}

export async function writeAutostart(target: HardwareTarget, on: boolean): Promise<void> {
  if (target.draft) {
    target.draft.autostart = on;
    await saveDraft(target.draft);
  } else {
    if (on) await refuseTemplateStart(target);
    await target.lv.domains.setAutostart(target.dom, on);
  }
}
