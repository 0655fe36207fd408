import type { ArchResources, OsEntry, OsinfoArch, ResourceLimits } from "./types";

export interface OsResources {
  minimum: ResourceLimits;
  recommended: ResourceLimits;
  maximum: ResourceLimits;
  networkInstall: ResourceLimits;
}

type LimitKind = keyof OsResources;
const LIMIT_KINDS: LimitKind[] = ["minimum", "recommended", "maximum", "networkInstall"];

/**
 * Resource limits of `os` on `arch`. Each field comes from the `<resources arch=arch>` block
 * when it has it, else from `<resources arch="all">` (RHEL 9 declares cpu speed for x86_64
 * but n-cpus only under "all", so the fallback has to be per field, not per block).
 */
export function resourcesFor(os: OsEntry, arch: OsinfoArch): OsResources {
  const specific = os.resources.find((block) => block.arch === arch);
  const generic = os.resources.find((block) => block.arch === "all");
  const pick = (kind: LimitKind): ResourceLimits => ({ ...(generic?.[kind] ?? {}), ...(specific?.[kind] ?? {}) });
  return Object.fromEntries(LIMIT_KINDS.map((kind) => [kind, pick(kind)])) as unknown as OsResources;
}

/** Architectures with their own `<resources>` block. */
export function resourceArches(os: OsEntry): OsinfoArch[] {
  return os.resources.map((block: ArchResources) => block.arch);
}

/** What a new guest should get: recommended where osinfo says, else minimum, never below minimum. */
export interface SuggestedResources {
  ramBytes?: number;
  nCpus?: number;
  storageBytes?: number;
}

export function suggestedResources(os: OsEntry, arch: OsinfoArch): SuggestedResources {
  const { minimum, recommended } = resourcesFor(os, arch);
  const larger = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  return {
    ramBytes: larger(recommended.ramBytes, minimum.ramBytes),
    nCpus: larger(recommended.nCpus, minimum.nCpus),
    storageBytes: larger(recommended.storageBytes, minimum.storageBytes),
  };
}
