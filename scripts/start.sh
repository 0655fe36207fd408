#!/usr/bin/env bash
# `npm start`: set up what is missing on this machine, then serve the console.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if ! bash scripts/setup-host.sh; then
  if [ -S /run/libvirt/libvirt-sock ] || [ -S /run/libvirt/virtqemud-sock ]; then
    echo "start: host setup failed, but a libvirt daemon is running; continuing" >&2
  else
    echo "start: host setup failed (see above); the console needs libvirt on this machine" >&2
    exit 1
  fi
fi

bash scripts/ensure-npm-packages.sh

# Build when there is no build yet or a source file changed since the last one.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.js package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "start: building the web app"
  npx --no-install next build
fi

export NODE_ENV=production
exec npx --no-install tsx --tsconfig tsconfig.server.json server.ts
