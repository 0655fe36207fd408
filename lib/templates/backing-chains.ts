// Which guests' disks are built on which base images, read from one bulk stats record per guest (pure; unit-tested).

export type BackingUser = { uuid: string; name: string };
type StatsValue = string | number | bigint | boolean;

/**
 * GET_ALL_DOMAIN_STATS with the block group and the backing flag lists every layer of each disk's chain as its own
 * block.<i> entry under the same disk name: the first is the disk itself, the ones after it its backing files
 * (running guests also say so with block.<i>.backingIndex). Returns each backing file's path → the guests on it.
 */
export function backingUsers(records: readonly { uuid: string; name: string; stats: Record<string, StatsValue | undefined> }[]) {
  const users = new Map<string, BackingUser[]>();
  for (const { uuid, name, stats } of records) {
    const tops = new Map<string, unknown>();
    const count = Number(stats["block.count"] ?? 0);
    for (let i = 0; i < count; i++) {
      const disk = String(stats[`block.${i}.name`] ?? "");
      const path = stats[`block.${i}.path`];
      const index = stats[`block.${i}.backingIndex`];
      const backing = tops.has(disk) || (index !== undefined && Number(index) > 0);
      if (!tops.has(disk)) tops.set(disk, path);
      // A running guest may list its disk's own file again (another node of the same layer): not a base.
      if (!backing || typeof path !== "string" || path === tops.get(disk)) continue;
      const list = users.get(path) ?? [];
      if (!list.some((u) => u.uuid === uuid)) list.push({ uuid, name });
      users.set(path, list);
    }
  }
  return users;
}

/** The guests (other than `self`) built on any of `paths`, sorted by name. */
export function dependentsOf(users: ReadonlyMap<string, readonly BackingUser[]>, paths: readonly string[], self?: string): BackingUser[] {
  const found = new Map<string, BackingUser>();
  for (const path of paths) for (const u of users.get(path) ?? []) if (u.uuid !== self) found.set(u.uuid, u);
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** "a, b and c" */
export function namesList(users: readonly BackingUser[]): string {
  const names = users.map((u) => u.name);
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
