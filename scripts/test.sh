#!/usr/bin/env bash
# `npm test`: set up what the tests need, then run every tier: lint, type check, unit, integration, end-to-end.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-}"

bash scripts/setup-host.sh --tests || exit 1
bash scripts/ensure-npm-packages.sh || exit 1
# libvirt's .x protocol files, so a unit test can check the committed generated code against them.
bash scripts/libvirt/fetch-protocol.sh >/dev/null || exit 1
# libvirt's own domain XML test corpus, which the lib/xml unit tests read (tests/unit/xml/libvirt-corpus.test.ts).
bash scripts/libvirt/fetch-xml-corpus.sh >/dev/null || exit 1

results=.cache/test-results
rm -rf "$results" && mkdir -p "$results"
failed=()
tier() {
  local name=$1; shift
  echo ""
  echo "=== $name ==="
  local start=$SECONDS
  if "$@"; then echo "--- $name: ok ($((SECONDS - start)) s)"; else echo "--- $name: FAILED ($((SECONDS - start)) s)"; failed+=("$name"); fi
}

# eslint and tsc each use one core: run side by side (the CI machine has two); their outputs follow, in order.
lint_log=$(mktemp) typecheck_log=$(mktemp)
tier lint npm run --silent lint >"$lint_log" 2>&1 &
lint_pid=$!
tier typecheck npx --no-install tsc --noEmit -p tsconfig.json >"$typecheck_log" 2>&1
wait "$lint_pid"
cat "$lint_log" "$typecheck_log"
grep -q -- "--- lint: FAILED" "$lint_log" && failed+=("lint")
rm -f "$lint_log" "$typecheck_log"
tier unit npx --no-install vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
# The build comes before the integration tier: some integration tests start the production server (as its own user).
tier build npx --no-install next build
tier integration npx --no-install vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json"
tier e2e env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx --no-install playwright test --reporter=list,json

echo ""
node scripts/test-summary.mjs "$results" "${failed[@]}"
