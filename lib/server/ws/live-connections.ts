import "server-only";
import type { AccessEndedReason } from "@/lib/auth/access-ended";
import { actorFromSessionId, type Actor } from "../auth/session";
import { processSingleton } from "../process-singleton";

export type LiveConnection = {
  /** The person as of the last check; refreshed on every re-check. */
  actor: Actor;
  /** Null while the person may keep this connection, else why it closes. */
  lostAccess(actor: Actor): AccessEndedReason | null;
  /** Closes the connection with ACCESS_ENDED_CLOSE_CODE and the reason (and notes the reason for the audit row). */
  end(reason: AccessEndedReason): void;
};

/**
 * Every open WebSocket (events, VNC, SPICE, serial) registers here, so that taking access away reaches
 * live connections: after a sign-out, a disabled account, a password reset, a removed or narrowed grant or a
 * deleted account, `recheckUser` re-reads the person and ends what they may no longer hold. Session expiry
 * ends connections by a timer.
 */
export class LiveConnections {
  private readonly byUser = new Map<string, Set<LiveConnection>>();

  constructor(private readonly loadActor: (sessionId: string) => Promise<Actor | null> = actorFromSessionId) {}

  add(connection: LiveConnection): () => void {
    const { id } = connection.actor;
    let set = this.byUser.get(id);
    if (!set) this.byUser.set(id, (set = new Set()));
    set.add(connection);
    const timer = setTimeout(
      () => void this.recheck([connection], "expired"),
      Math.min(Math.max(connection.actor.sessionExpiresAt.getTime() - Date.now(), 0) + 50, 2 ** 31 - 1),
    );
    timer.unref();
    return () => {
      clearTimeout(timer);
      set.delete(connection);
      if (set.size === 0 && this.byUser.get(id) === set) this.byUser.delete(id);
    };
  }

  countFor(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /**
   * Re-checks every connection of one person. `reason` is what they read when their session itself ended
   * (signed out, disabled, deleted); a connection that only lost its grant uses its own sentence.
   */
  async recheckUser(userId: string, reason: AccessEndedReason): Promise<void> {
    const set = this.byUser.get(userId);
    if (set) await this.recheck([...set], reason);
  }

  /** Re-checks everyone's connections (access changes may have been missed while the link between instances was down). */
  async recheckEveryone(): Promise<void> {
    await this.recheck(
      [...this.byUser.values()].flatMap((set) => [...set]),
      "signed-out",
    );
  }

  /** How many connections are open (a stopping server waits for their last audit rows). */
  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  private async recheck(connections: LiveConnection[], sessionEndedReason: AccessEndedReason): Promise<void> {
    const actors = new Map<string, Promise<Actor | null>>();
    await Promise.all(
      connections.map(async (connection) => {
        const { sessionId } = connection.actor;
        if (!actors.has(sessionId))
          actors.set(
            sessionId,
            this.loadActor(sessionId).catch(() => null),
          );
        const actor = await actors.get(sessionId)!;
        if (!actor) return connection.end(actorGoneReason(connection.actor, sessionEndedReason));
        connection.actor = actor;
        const lost = connection.lostAccess(actor);
        if (lost) connection.end(lost);
      }),
    );
  }
}

function actorGoneReason(last: Actor, given: AccessEndedReason): AccessEndedReason {
  return last.sessionExpiresAt.getTime() <= Date.now() ? "expired" : given;
}

export function liveConnections(): LiveConnections {
  return processSingleton("live-connections", () => new LiveConnections());
}
