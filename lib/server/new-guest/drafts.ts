import "server-only";
import { randomUUID } from "node:crypto";
import { uuidFromString } from "@/lib/libvirt";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import type { Domain } from "@/lib/xml";
import type { Actor } from "../auth/session";
import { notFound } from "../http/errors";
import { processSingleton } from "../process-singleton";

const DRAFT_TTL_MS = 60 * 60_000;

/**
 * "Customize configuration before install": the guest the wizard would define, kept here (not in
 * libvirt) while its hardware is edited. It lives in this process for an hour and belongs to the
 * person who made it.
 */
export interface GuestDraft {
  uuid: string;
  hostId: string;
  ownerId: string;
  input: NewGuestInput;
  domain: Domain;
  autostart: boolean;
  /** Undoes what editing made outside the definition (volumes for new disks), if the draft is dropped. */
  undos: (() => Promise<void>)[];
  /** Set while "Begin installation" runs: a second one at the same time would redefine, then roll back, the first one's guest. */
  installing: boolean;
  timer: NodeJS.Timeout;
}

function drafts(): Map<string, GuestDraft> {
  return processSingleton("guest-drafts", () => new Map<string, GuestDraft>());
}

export function createDraft(actor: Actor, hostId: string, input: NewGuestInput, domain: Domain): GuestDraft {
  const uuid = randomUUID();
  domain.uuid = uuid;
  const timer = setTimeout(() => void discardDraft(uuid), DRAFT_TTL_MS);
  timer.unref();
  const draft: GuestDraft = { uuid, hostId, ownerId: actor.id, input, domain, autostart: false, undos: [], installing: false, timer };
  drafts().set(uuid, draft);
  return draft;
}

/** The actor's own draft on this host; anybody else's, or a stale one, is not found. */
export function findDraft(actorId: string, hostId: string, uuid: string): GuestDraft | null {
  const draft = drafts().get(uuid.toLowerCase());
  return draft && draft.hostId === hostId && draft.ownerId === actorId ? draft : null;
}

export function requireDraft(actor: Actor, hostId: string, uuid: string): GuestDraft {
  const draft = findDraft(actor.id, hostId, uuid);
  if (!draft) throw notFound("Draft");
  return draft;
}

/** Ends a draft without creating anything: what editing made is removed again. */
export async function discardDraft(uuid: string): Promise<void> {
  const draft = drafts().get(uuid);
  if (!draft) return;
  drafts().delete(uuid);
  clearTimeout(draft.timer);
  for (const undo of draft.undos.reverse()) await undo().catch(() => undefined);
}

/** After a successful install the guest owns what the draft made, so nothing is undone. */
export function completeDraft(uuid: string): void {
  const draft = drafts().get(uuid);
  if (!draft) return;
  drafts().delete(uuid);
  clearTimeout(draft.timer);
}

/** The handle libvirt would give the guest; drafts never reach libvirt, so calls with it find nothing. */
export const draftDomainRef = (draft: GuestDraft) => ({ name: draft.input.name, uuid: uuidFromString(draft.uuid), id: -1 });
