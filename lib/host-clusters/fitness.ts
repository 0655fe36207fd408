// Whether a cluster member has what the cluster requires (issue 30), in words the pages show.

type Present = { name: string; active: boolean };

/**
 * What a member lacks of the cluster's required networks and storage pools: "no network 'x'" for a name it
 * does not have, "network 'x' is not running" for one it has stopped. Empty when it is fit.
 */
export function fitnessProblems(
  required: { networks: readonly string[]; pools: readonly string[] },
  present: { networks: readonly Present[]; pools: readonly Present[] },
): string[] {
  return [...lacking("network", required.networks, present.networks), ...lacking("storage pool", required.pools, present.pools)];
}

function lacking(kind: string, required: readonly string[], present: readonly Present[]): string[] {
  return required.flatMap((name) => {
    const found = present.find((p) => p.name === name);
    if (!found) return [`no ${kind} '${name}'`];
    return found.active ? [] : [`${kind} '${name}' is not running`];
  });
}
