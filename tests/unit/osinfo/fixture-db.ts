import path from "node:path";

import { readOsinfoDb } from "@/lib/osinfo";

export const FIXTURE_ROOT = path.resolve(__dirname, "../../fixtures/osinfo");

/** The hand-written tree in tests/fixtures/osinfo (see its README). */
export const fixtureDb = () => readOsinfoDb(FIXTURE_ROOT);

export const byShortId = (shortId: string) => {
  const entry = fixtureDb().get(shortId);
  if (!entry) throw new Error(`fixture OS ${shortId} missing`);
  return entry;
};
