#!/usr/bin/env bash
# `npm run bench`: every benchmark script, one after another. Results are printed, never asserted:
# speed goals live in the issues and are compared by a person, not by a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup-host.sh --tests
bash scripts/ensure-npm-packages.sh
# The guest list benchmark drives the production build in a browser.
[ -f .next/BUILD_ID ] || npx --no-install next build
for bench in scripts/bench/*.ts; do
  echo "=== $bench ==="
  npx --no-install tsx --tsconfig tsconfig.server.json "$bench"
done
