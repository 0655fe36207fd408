import "server-only";
import type { LeftArtefact } from "@/lib/jobs/types";
import { VirDomainUndefineFlagsValues } from "@/lib/libvirt/generated/flags";
import { z } from "zod";
import { removeNvramCopy } from "../guests/clone/copy-nvram";
import { hostPool } from "../hosts/host-pool";

/**
 * What a job (or a wizard draft) created on a host, recorded in the database as it is created, so that
 * whoever finds the work unfinished — the job itself after a failure, or another console instance after
 * this one died — can remove it again. Each kind says how to find the thing by name, never by a handle
 * only this process holds.
 */
export const artefactSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("volume"), hostId: z.string(), pool: z.string(), name: z.string() }),
  /** A guest definition, by the name it was checked free under. */
  z.object({ kind: z.literal("guest"), hostId: z.string(), name: z.string() }),
  /** A UEFI variables copy next to the original's (libvirt's nvram directory is usually no pool). */
  z.object({ kind: z.literal("nvram"), hostId: z.string(), path: z.string() }),
]);
export type Artefact = z.infer<typeof artefactSchema>;

export const parseArtefacts = (json: string): Artefact[] => z.array(artefactSchema).parse(JSON.parse(json));

export const sameArtefact = (a: Artefact, b: Artefact): boolean => JSON.stringify(a) === JSON.stringify(b);

// virErrorNumber: the thing is not there (any more), so there is nothing to remove.
const GONE = new Set([42 /* NO_DOMAIN */, 49 /* NO_STORAGE_POOL */, 50 /* NO_STORAGE_VOL */]);
const isGone = (err: unknown) => (err as { code?: number }).code !== undefined && GONE.has((err as { code: number }).code);
/** libvirt still writes the volume (a copy whose caller died goes on in the daemon) or something uses it. */
const isBusy = (err: unknown) => /still being allocated|still in use/i.test((err as Error).message ?? "");

const BUSY_RETRY_MS = 1_000;
/** How long a removal waits for libvirt to finish writing a volume before it gives up and says so. */
export const BUSY_GIVE_UP_MS = 60 * 60_000;

async function removeOnce(a: Artefact): Promise<void> {
  const lv = await hostPool().get(a.hostId);
  switch (a.kind) {
    case "volume": {
      const pool = await lv.storage.lookupPool(a.pool);
      return lv.storage.deleteVolume(await lv.storage.lookupVolume(pool, a.name));
    }
    case "guest": {
      const dom = await lv.domains.lookupByName(a.name);
      await lv.domains.destroy(dom).catch(() => undefined);
      return lv.domains.undefine(dom, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM);
    }
    case "nvram":
      return removeNvramCopy(lv, a.path);
  }
}

/**
 * Removes one artefact; one already gone counts as removed. While libvirt is still writing a volume
 * (its creator died mid-copy) the removal waits for it, up to `giveUpMs`.
 */
export async function removeArtefact(a: Artefact, { giveUpMs = BUSY_GIVE_UP_MS, now = Date.now } = {}): Promise<void> {
  const deadline = now() + giveUpMs;
  for (;;) {
    try {
      return await removeOnce(a);
    } catch (err) {
      if (isGone(err)) return;
      if (!isBusy(err) || now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
    }
  }
}

/** Removes artefacts newest first (a guest before the volumes it uses); returns what could not be removed, with why. */
export async function removeArtefacts(made: readonly Artefact[]): Promise<LeftArtefact[]> {
  const left: LeftArtefact[] = [];
  for (const a of [...made].reverse()) {
    await removeArtefact(a).catch((err: unknown) => left.push(leftArtefact(a, err instanceof Error ? err.message : String(err))));
  }
  return left;
}

const leftArtefact = (a: Artefact, message: string): LeftArtefact =>
  a.kind === "volume"
    ? { kind: "volume", name: `${a.pool}/${a.name}`, message }
    : a.kind === "guest"
      ? { kind: "guest", name: a.name, message }
      : { kind: "file", name: a.path, message };
