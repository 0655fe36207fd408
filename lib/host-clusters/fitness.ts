// Whether a cluster member has what the cluster requires (issue 30), as keys of messages' "clusterWords"
// with the names, so the pages say them in the reader's language; libvirt's own error text stays as it says it.

type Present = { name: string; active: boolean };

/** Why a member cannot take guests: something it lacks (by name), or why it could not be asked (libvirt's words). */
export type MemberProblem =
  { key: "noNetwork" | "networkStopped" | "noPool" | "poolStopped"; name: string } | { key: "notConnected" | "unreadable"; error: string };

/** Why the cluster's baseline CPU is missing or partial, stored with the cluster (older rows hold text). */
export type BaselineProblem =
  | { key: "noMemberAsked" | "computedWithout"; members: { name: string; problem: MemberProblem | { key: "noHostModel" } }[] }
  | { key: "libvirtFailed"; error: string };

/**
 * What a member lacks of the cluster's required networks and storage pools: a network or pool it does not
 * have, or has stopped. Empty when it is fit.
 */
export function fitnessProblems(
  required: { networks: readonly string[]; pools: readonly string[] },
  present: { networks: readonly Present[]; pools: readonly Present[] },
): MemberProblem[] {
  return [
    ...lacking(["noNetwork", "networkStopped"], required.networks, present.networks),
    ...lacking(["noPool", "poolStopped"], required.pools, present.pools),
  ];
}

function lacking(
  [missing, stopped]: ["noNetwork", "networkStopped"] | ["noPool", "poolStopped"],
  required: readonly string[],
  present: readonly Present[],
): MemberProblem[] {
  return required.flatMap((name): MemberProblem[] => {
    const found = present.find((p) => p.name === name);
    if (!found) return [{ key: missing, name }];
    return found.active ? [] : [{ key: stopped, name }];
  });
}

const baselineKeys = new Set(["noMemberAsked", "computedWithout", "libvirtFailed"]);

/** The stored baseline problem: one this version knows, or an older row's text as it is. */
export function readBaselineProblem(stored: string | null): BaselineProblem | string | null {
  if (!stored?.startsWith("{")) return stored;
  try {
    const parsed = JSON.parse(stored) as { key?: unknown };
    return typeof parsed.key === "string" && baselineKeys.has(parsed.key) ? (parsed as BaselineProblem) : stored;
  } catch {
    return stored;
  }
}
