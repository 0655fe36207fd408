#!/usr/bin/env bash
# Builds the web app when there is no build yet or a source file changed since the last one (start.sh,
# install-service.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib i18n messages public next.config.mjs package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "build: building the web app"
  npx --no-install next build
fi
