import "server-only";
import { createHash } from "node:crypto";
import { VirDomainDefineFlags, VirDomainModificationImpact, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import { ApiError } from "../../http/errors";
import type { GuestTarget } from "../guest-target";

const { VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE } = VirDomainXMLFlags;
export const AFFECT_LIVE = VirDomainModificationImpact.VIR_DOMAIN_AFFECT_LIVE;
export const AFFECT_CONFIG = VirDomainModificationImpact.VIR_DOMAIN_AFFECT_CONFIG;

/** A guest's saved definition and, while it runs, its live one; both with secrets, so a define keeps passwords. */
export interface GuestDefinition {
  target: GuestTarget;
  saved: Domain;
  savedXml: string;
  live: Domain | null;
  etag: string;
}

export const etagOf = (xml: string): string => createHash("sha256").update(xml).digest("base64url").slice(0, 22);

export async function loadDefinition(target: GuestTarget): Promise<GuestDefinition> {
  const { lv, dom } = target;
  const [savedXml, active] = await Promise.all([lv.domains.xml(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE), lv.domains.isActive(dom)]);
  const liveXml = active ? await lv.domains.xml(dom, VIR_DOMAIN_XML_SECURE) : null;
  return { target, saved: Domain.parse(savedXml), savedXml, live: liveXml ? Domain.parse(liveXml) : null, etag: etagOf(savedXml) };
}

/**
 * Loads the definition a change is about and refuses when it is not the one the person saw: a
 * change made on a stale page would silently undo someone else's.
 */
export async function loadForChange(target: GuestTarget, etag: string): Promise<GuestDefinition> {
  const definition = await loadDefinition(target);
  if (definition.etag !== etag) {
    throw new ApiError(409, "The guest's definition changed since this page loaded it (someone else edited it). Reload and make the change again.");
  }
  if (!(await target.lv.domains.isPersistent(target.dom))) {
    throw new ApiError(409, "This guest is transient: it has no saved definition to change, and it disappears when it stops.");
  }
  return definition;
}

/** Defines the edited saved definition; libvirt validates it against its schema first and its refusal is the error. */
export async function saveDefinition(definition: GuestDefinition): Promise<void> {
  // The guest list forgets cached sizes and titles on the DEFINED event this raises.
  await definition.target.lv.domains.define(definition.saved.toXml(), VirDomainDefineFlags.VIR_DOMAIN_DEFINE_VALIDATE);
}
