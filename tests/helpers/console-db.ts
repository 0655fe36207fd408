// A fresh console database for integration tests that drive server verbs directly (no HTTP):
// migrated SQLite in a temp dir, an admin actor, and hosts registered like the admin pages would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { migrate } from "@/lib/server/migrate";
import { newId } from "@/lib/server/ids";
import type { Grant } from "@/lib/roles";

export type TestConsole = {
  actor(grants?: Grant[]): Promise<Actor>;
  addHost(name: string, uri: string): Promise<string>;
  auditRows(action: string): Promise<{ result: string; target: string; details: string }[]>;
  cleanup(): Promise<void>;
};

/** Must run before anything calls db(): env() reads DATABASE_URL once. SQLite in a temp dir unless `databaseUrl` names another database. */
export async function startTestConsole({ databaseUrl }: { databaseUrl?: string } = {}): Promise<TestConsole> {
  const dir = mkdtempSync(path.join(tmpdir(), "vc-console-"));
  const url = databaseUrl ?? `file:${path.join(dir, "console.db")}`;
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = dir;
  await migrate(url);
  return {
    actor: async (grants = [{ role: "admin", scope: "global", hostId: null, guestUuid: null }]) => {
      const user = await db().user.create({ data: { id: newId(), username: `t-${newId().slice(0, 8)}`, passwordHash: "x" } });
      return {
        id: user.id,
        username: user.username,
        displayName: user.username,
        sessionId: "test",
        sessionExpiresAt: new Date(Date.now() + 3_600_000),
        grants,
      };
    },
    addHost: async (name, uri) => (await db().host.create({ data: { id: newId(), name, uri } })).id,
    auditRows: (action) => db().auditLog.findMany({ where: { action }, orderBy: { at: "asc" } }),
    cleanup: async () => {
      await db().$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
