#!/usr/bin/env bash
# The console's own system user: the web server runs as it, never as root. Sourced by setup-host.sh and start.sh.
#   ensure_console_user          create `virt-console` (system user, group libvirt) once
#   prepare_console_paths DIR..  DIR (the data directory) owned by it, 0700; the project readable by it
#   console_user_exec CMD...     exec CMD as that user (environment kept, HOME set to its home)
set -euo pipefail

CONSOLE_USER="${CONSOLE_USER:-virt-console}"
CONSOLE_HOME="/var/lib/${CONSOLE_USER}"

ensure_console_user() {
  if ! id "$CONSOLE_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$CONSOLE_HOME" --shell /usr/sbin/nologin --comment "virt-console web server" "$CONSOLE_USER"
    echo "setup: created the system user $CONSOLE_USER"
  fi
  # libvirt's local socket is for the libvirt group (see configure_libvirt_socket in setup-host.sh).
  id -nG "$CONSOLE_USER" | tr ' ' '\n' | grep -qx libvirt || usermod -aG libvirt "$CONSOLE_USER"
  install -d -o "$CONSOLE_USER" -g "$CONSOLE_USER" -m 0700 "$CONSOLE_HOME"
}

# Gives the console user "search" (x) on every directory above the project that lacks it, so it can reach its
# own files in a checkout under /root; nothing is made listable or readable beyond that.
reach_project() {
  local dir
  dir="$(pwd -P)"
  while [ "$dir" != "/" ]; do
    if ! runuser -u "$CONSOLE_USER" -- test -x "$dir" 2>/dev/null; then
      setfacl -m "u:${CONSOLE_USER}:x" "$dir"
      echo "start: let $CONSOLE_USER pass through $dir (search permission only)"
    fi
    dir="$(dirname "$dir")"
  done
}

prepare_console_paths() {
  reach_project
  local path
  for path in "$@"; do
    mkdir -p "$path"
    if [ "$(stat -c %U "$path")" != "$CONSOLE_USER" ] || [ -n "$(find "$path" ! -user "$CONSOLE_USER" -print -quit)" ]; then
      chown -R "$CONSOLE_USER:$CONSOLE_USER" "$path"
      echo "start: $path now belongs to $CONSOLE_USER"
    fi
    chmod 0700 "$path"
  done
}

console_user_exec() {
  exec setpriv --reuid="$CONSOLE_USER" --regid="$CONSOLE_USER" --init-groups --inh-caps=-all --no-new-privs \
    env HOME="$CONSOLE_HOME" USER="$CONSOLE_USER" "$@"
}
