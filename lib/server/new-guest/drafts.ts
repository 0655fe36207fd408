import "server-only";
import { log } from "../log";
import { randomUUID } from "node:crypto";
import { uuidFromString } from "@/lib/libvirt";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import type { Actor } from "../auth/session";
import { instanceId, isInstanceDead } from "../cluster/instance";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { parseArtefacts, removeArtefacts, type Artefact } from "../jobs/artefacts";
import { leftInEnglish } from "../jobs/left-in-english";

const DRAFT_TTL_MS = 60 * 60_000;

/**
 * "Customize configuration before install": the guest the wizard would define, kept in the database
 * (not in libvirt) while its hardware is edited, so any console instance serves its pages. It lives
 * for an hour and belongs to the person who made it. Changes go through `saveDraft`, which refuses a
 * change based on an older read (two tabs, two instances).
 */
export interface GuestDraft {
  uuid: string;
  hostId: string;
  ownerId: string;
  input: NewGuestInput;
  domain: Domain;
  autostart: boolean;
  /** What editing made outside the definition (volumes for new disks), removed if the draft is dropped. */
  made: Artefact[];
  /** The instance running "Begin installation" now, if any. */
  installingBy: string | null;
  version: number;
}

type DraftRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["guestDraft"]["findUnique"]>>>;

const fromRow = (row: DraftRow): GuestDraft => ({
  uuid: row.uuid,
  hostId: row.hostId,
  ownerId: row.ownerId,
  input: JSON.parse(row.input) as NewGuestInput,
  domain: Domain.parse(row.domainXml),
  autostart: row.autostart,
  made: parseArtefacts(row.made),
  installingBy: row.installingBy,
  version: row.version,
});

/** `made`: what was created for the draft before it existed (an appliance's converted disks), dropped with it. */
export async function createDraft(
  actor: Actor,
  hostId: string,
  input: NewGuestInput,
  domain: Domain,
  made: Artefact[] = [],
): Promise<GuestDraft> {
  const uuid = randomUUID();
  domain.uuid = uuid;
  const row = await db().guestDraft.create({
    data: {
      uuid,
      hostId,
      ownerId: actor.id,
      input: JSON.stringify(input),
      domainXml: domain.toXml(),
      made: JSON.stringify(made),
      expiresAt: new Date(Date.now() + DRAFT_TTL_MS),
    },
  });
  return fromRow(row);
}

/** The actor's own draft on this host; anybody else's, or an expired one, is not found. */
export async function findDraft(actorId: string, hostId: string, uuid: string): Promise<GuestDraft | null> {
  const row = await db().guestDraft.findFirst({
    where: { uuid: uuid.toLowerCase(), hostId, ownerId: actorId, expiresAt: { gt: new Date() } },
  });
  return row ? fromRow(row) : null;
}

export async function requireDraft(actor: Actor, hostId: string, uuid: string): Promise<GuestDraft> {
  const draft = await findDraft(actor.id, hostId, uuid);
  if (!draft) throw notFound("draft");
  return draft;
}

/** Writes the draft's definition, answers and autostart back, unless someone changed it since it was read. */
export async function saveDraft(draft: GuestDraft): Promise<void> {
  const { count } = await db().guestDraft.updateMany({
    where: { uuid: draft.uuid, version: draft.version },
    data: {
      domainXml: draft.domain.toXml(),
      input: JSON.stringify(draft.input),
      autostart: draft.autostart,
      made: JSON.stringify(draft.made),
      version: { increment: 1 },
    },
  });
  if (count === 0) throw new ApiError(409, { key: "draftChanged" });
  draft.version += 1;
}

/** Records what a change made for the draft (a new disk's volume) at once, so dropping the draft removes it. */
export async function draftMade(draft: GuestDraft, artefact: Artefact): Promise<void> {
  draft.made.push(artefact);
  await saveDraft(draft);
}

/**
 * Marks the draft as being installed by this instance: one install at a time (a second one would
 * redefine, then roll back, the first one's guest). A mark left by an instance that died does not count.
 * Returns the release.
 */
export async function claimInstall(draft: GuestDraft): Promise<() => Promise<void>> {
  const holder = draft.installingBy;
  if (await installRunning(draft)) throw new ApiError(409, { key: "beingInstalled" });
  const { count } = await db().guestDraft.updateMany({
    where: { uuid: draft.uuid, installingBy: holder },
    data: { installingBy: instanceId() },
  });
  if (count === 0) throw new ApiError(409, { key: "beingInstalled" });
  return async () => {
    await db().guestDraft.updateMany({ where: { uuid: draft.uuid, installingBy: instanceId() }, data: { installingBy: null } });
  };
}

/** True while an instance that is alive installs the draft. */
export async function installRunning(draft: Pick<GuestDraft, "installingBy">): Promise<boolean> {
  const holder = draft.installingBy;
  return holder !== null && (holder === instanceId() || !(await isInstanceDead(holder)));
}

/** Ends a draft without creating anything: what editing made is removed again. Returns how many things were removed. */
export async function discardDraft(uuid: string): Promise<number> {
  const row = await db().guestDraft.findUnique({ where: { uuid } });
  if (!row) return 0;
  // Whoever deletes the row removes what it made, once.
  const { count } = await db().guestDraft.deleteMany({ where: { uuid, version: row.version, installingBy: row.installingBy } });
  if (count === 0) return 0;
  const made = parseArtefacts(row.made);
  const left = await removeArtefacts(made);
  if (left.length) log.error(`draft ${uuid}: not removed: ${leftInEnglish(left)}`);
  return made.length - left.length;
}

/** After a successful install the guest owns what the draft made, so nothing is removed. */
export async function completeDraft(uuid: string): Promise<void> {
  await db().guestDraft.deleteMany({ where: { uuid } });
}

/** Drops drafts past their hour that no running install uses (scheduled maintenance); returns how many. */
export async function dropExpiredDrafts(now = Date.now()): Promise<number> {
  const expired = await db().guestDraft.findMany({
    where: { expiresAt: { lte: new Date(now) } },
    select: { uuid: true, installingBy: true },
  });
  let dropped = 0;
  for (const draft of expired) {
    if (await installRunning(draft)) continue;
    await discardDraft(draft.uuid);
    dropped++;
  }
  return dropped;
}

/** The handle libvirt would give the guest; drafts never reach libvirt, so calls with it find nothing. */
export const draftDomainRef = (draft: GuestDraft) => ({ name: draft.input.name, uuid: uuidFromString(draft.uuid), id: -1 });
