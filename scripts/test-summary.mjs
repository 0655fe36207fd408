// Prints per-tier counts and the closing "N passed, N failed" line from the test runners' JSON reports.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [dir, ...failedTiers] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function read(name) {
  const file = path.join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

for (const tier of ["unit", "integration"]) {
  const r = read(`${tier}.json`);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`${tier}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
}

const e2e = read("e2e.json");
if (e2e) {
  const s = e2e.stats;
  const e2eFailed = s.unexpected;
  passed += s.expected + (s.flaky ?? 0);
  failed += e2eFailed;
  skipped += s.skipped;
  console.log(
    `e2e: ${s.expected + (s.flaky ?? 0)} passed, ${e2eFailed} failed, ${s.skipped} skipped${s.flaky ? ` (${s.flaky} flaky)` : ""}`,
  );
}

// A tier that failed without reporting tests (lint, type check, build, a crashed runner) still fails the run.
if (failedTiers.length) console.log(`failed tiers: ${failedTiers.join(", ")}`);
const failures = failed + (failedTiers.length && failed === 0 ? failedTiers.length : 0);
console.log(`${passed} passed, ${failures} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failures > 0 || failedTiers.length > 0 ? 1 : 0);
