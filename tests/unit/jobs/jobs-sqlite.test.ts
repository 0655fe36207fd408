// The jobs table's rules (progress, cancel, takeover, hand-over, schedules) on SQLite, the default database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "@/lib/server/db";
import { migrate } from "@/lib/server/migrate";
import { jobsSuite } from "../../helpers/jobs-suite";

jobsSuite(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vc-jobs-"));
  const url = `file:${path.join(dir, "console.db")}`;
  process.env.DATABASE_URL = url;
  await migrate(url);
  // One process, one connection: SQLite is the single-instance default.
  const db = createDb(url);
  return {
    client: () => db,
    stop: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
