// Which react-query caches a live event makes stale. Pure, so it is unit-tested; the socket lives in live-events.tsx.

export type LiveMessage =
  | { type: "hello"; user?: string }
  /** Events may have been missed (the link between the server's instances was down): re-read everything. */
  | { type: "resync" }
  | { type: "host.status"; hostId: string; status?: unknown }
  | { type: "host.resync"; hostId: string }
  | {
      type: "domain";
      hostId: string;
      uuid: string;
      name?: string;
      procedure?: string;
      event?: unknown;
      detail?: unknown;
      /** A lifecycle change's new state and its detail in words, patched into the caches before the re-read. */
      state?: string;
      reason?: string;
    }
  | { type: "network"; hostId: string; name?: string }
  | { type: "storagePool"; hostId: string; name?: string }
  /** New performance points for a host and its guests (every collector interval). */
  | { type: "metrics"; hostId: string; t?: number }
  /** Someone joined or left one of the guest's consoles, or control of its display moved. */
  | { type: "console.presence"; hostId: string; uuid: string }
  /** A colleague asks this person to watch a guest's display (shown as a notice, not a re-read). */
  | { type: "console.invite"; hostId: string; uuid: string; guest: string; from: string };

export type QueryKey = readonly unknown[];

/** Query keys used by the guest and host pages; every page builds its keys from these. */
export const queryKeys = {
  guests: (hostId?: string) => (hostId ? (["guests", { hostId }] as const) : (["guests"] as const)),
  guest: (hostId: string, uuid: string) => ["guest", hostId, uuid] as const,
  hosts: () => ["hosts"] as const,
  hostOverview: (hostId: string) => ["hosts", hostId, "overview"] as const,
  deletePlan: (hostId: string, uuid: string) => ["guest", hostId, uuid, "delete-plan"] as const,
  consoleOptions: (hostId: string, uuid: string) => ["guest", hostId, uuid, "console-options"] as const,
  /** A host's pools; a pool's detail (volumes) sits under it, so one invalidation covers both. */
  pools: (hostId: string) => ["pools", hostId] as const,
  pool: (hostId: string, name: string) => ["pools", hostId, name] as const,
  networks: (hostId: string, name?: string) =>
    name === undefined ? (["networks", hostId] as const) : (["networks", hostId, name] as const),
  hostInterfaces: (hostId: string) => ["host-interfaces", hostId] as const,
  /** Charts of the live hour on a host (its own, or a guest's: uuid); longer ranges use metricsHistory and are not re-read per tick. */
  metricsLive: (hostId: string, uuid?: string) =>
    uuid === undefined ? (["metrics-live", hostId] as const) : (["metrics-live", hostId, uuid] as const),
  metricsHistory: (hostId: string, uuid: string, range: string) => ["metrics-history", hostId, uuid, range] as const,
  /** Who is on consoles: all guests (the helpdesk home) with each guest's own list under it. */
  consolePresence: (hostId?: string, uuid?: string) =>
    hostId && uuid ? (["console-presence", hostId, uuid] as const) : (["console-presence"] as const),
};

export function parseLiveMessage(text: string): LiveMessage | null {
  try {
    const msg = JSON.parse(text) as { type?: unknown; hostId?: unknown; uuid?: unknown };
    if (typeof msg !== "object" || msg === null || typeof msg.type !== "string") return null;
    if (msg.type === "hello" || msg.type === "resync") return msg as LiveMessage;
    if (typeof msg.hostId !== "string") return null;
    if ((msg.type === "domain" || msg.type.startsWith("console.")) && typeof msg.uuid !== "string") return null;
    if (
      ["host.status", "host.resync", "domain", "network", "storagePool", "metrics", "console.presence", "console.invite"].includes(msg.type)
    )
      return msg as LiveMessage;
    return null;
  } catch {
    return null;
  }
}

/** Events are a reason to re-read: the keys to invalidate for one message. */
export function invalidationsFor(msg: LiveMessage): QueryKey[] {
  switch (msg.type) {
    case "hello":
      return [];
    case "resync":
      return [queryKeys.guests(), queryKeys.hosts(), ["guest"], ["pools"], ["networks"], queryKeys.consolePresence()];
    case "domain":
      return [queryKeys.guests(), queryKeys.guest(msg.hostId, msg.uuid), queryKeys.hostOverview(msg.hostId)];
    case "host.status":
      return [queryKeys.hosts(), queryKeys.guests()];
    case "host.resync":
      // Events may have been missed while the host was away: everything on that host is suspect.
      return [queryKeys.hosts(), queryKeys.guests(), ["guest", msg.hostId], queryKeys.networks(msg.hostId), queryKeys.pools(msg.hostId)];
    case "network":
      return [queryKeys.hostOverview(msg.hostId), queryKeys.networks(msg.hostId)];
    case "storagePool":
      return [queryKeys.hostOverview(msg.hostId), queryKeys.pools(msg.hostId)];
    case "metrics":
      return [queryKeys.metricsLive(msg.hostId)];
    case "console.presence":
      // The home lists everyone's seats; a console page lists its guest's.
      return [queryKeys.consolePresence()];
    case "console.invite":
      return [];
  }
}

/** Adds keys to a batch, dropping those already covered by a shorter prefix in it. */
export function mergeKeys(batch: QueryKey[], more: QueryKey[]): QueryKey[] {
  const out = [...batch];
  for (const key of more) {
    if (out.some((k) => isPrefix(k, key))) continue;
    for (let i = out.length - 1; i >= 0; i--) if (isPrefix(key, out[i])) out.splice(i, 1);
    out.push(key);
  }
  return out;
}

function isPrefix(prefix: QueryKey, key: QueryKey): boolean {
  return prefix.length <= key.length && prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
}

/** After the server said it is restarting: 0.1–0.5 s, spread so its pages do not all arrive on the others at once. */
export function restartDelayMs(random: () => number = Math.random): number {
  return Math.round(100 + 400 * random());
}

/** Reconnect delay: 1 s, 2 s, 4 s … up to 30 s, with ±20 % jitter so browsers don't reconnect in lockstep. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
