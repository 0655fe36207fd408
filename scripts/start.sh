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

bash scripts/build-if-needed.sh

export NODE_ENV=production
# Setup was root's work; the console itself runs as its own user, which owns the data directory and nothing else.
source scripts/console-user.sh
if [ "$(id -u)" = 0 ] && [ "${RUN_AS_ROOT:-}" != 1 ]; then
  ensure_console_user
  data_dir="${DATA_DIR:-$PWD/data}"
  prepare_console_paths "$data_dir"
  [ -n "${SECRET_KEY_FILE:-}" ] && prepare_console_paths "$(dirname "$SECRET_KEY_FILE")"
  # Next may keep a cache of its own at run time.
  prepare_console_paths .next/cache
  export DATA_DIR="$data_dir"
  console_user_exec node_modules/.bin/tsx --tsconfig tsconfig.server.json server.ts
fi
exec node_modules/.bin/tsx --tsconfig tsconfig.server.json server.ts
