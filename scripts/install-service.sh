#!/usr/bin/env bash
# Installs the console as a systemd service (virt-console.service) that runs this checkout as the console's own
# user with systemd's sandboxing, starts at boot and restarts after a crash. Run as root from the checkout:
#   bash scripts/install-service.sh           set up, build, install the unit and start it
#   bash scripts/install-service.sh --print   only print the unit it would install
# Settings go in /etc/virt-console/virt-console.env (the variables of the README's settings table).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/console-user.sh

UNIT_NAME="virt-console.service"
UNIT_FILE="/etc/systemd/system/${UNIT_NAME}"
ENV_DIR="/etc/virt-console"
ENV_FILE="${ENV_DIR}/virt-console.env"
project="$(pwd -P)"
data_dir="${DATA_DIR:-$project/data}"

unit() {
  cat <<UNIT
[Unit]
Description=virt-console: virtual machines of many hosts in the browser
Documentation=file://${project}/README.md
After=network-online.target libvirtd.service postgresql.service
Wants=network-online.target

[Service]
Type=simple
User=${CONSOLE_USER}
Group=${CONSOLE_USER}
SupplementaryGroups=libvirt
WorkingDirectory=${project}
Environment=NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOME=${CONSOLE_HOME} DATA_DIR=${data_dir}
EnvironmentFile=-${ENV_FILE}
ExecStart=${project}/node_modules/.bin/tsx --tsconfig tsconfig.server.json server.ts
# SIGTERM: the console hands its hosts and jobs over and closes consoles with "come back" (README: Several instances).
KillSignal=SIGTERM
TimeoutStopSec=30
Restart=on-failure
RestartSec=2
UMask=0077
# What the console needs: its data directory and home, libvirt's socket, the network. Nothing else.
ReadWritePaths=${data_dir} ${CONSOLE_HOME} ${project}/.next/cache
ProtectSystem=strict
ProtectHome=read-only
PrivateTmp=yes
PrivateDevices=yes
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
RemoveIPC=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK

[Install]
WantedBy=multi-user.target
UNIT
}

case "${1:-}" in
  --print) unit; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--print]" >&2; exit 2 ;;
esac

[ "$(id -u)" = 0 ] || { echo "install-service: run as root" >&2; exit 1; }
bash scripts/setup-host.sh
bash scripts/ensure-npm-packages.sh
bash scripts/build-if-needed.sh
ensure_console_user
prepare_console_paths "$data_dir" .next/cache

install -d -m 0750 -g "$CONSOLE_USER" "$ENV_DIR"
if [ ! -f "$ENV_FILE" ]; then
  install -m 0640 -g "$CONSOLE_USER" /dev/null "$ENV_FILE"
  cat >"$ENV_FILE" <<ENV
# virt-console settings (README: Settings). One NAME=value per line; restart the service after a change:
#   systemctl restart virt-console
# PORT=3000
# DATABASE_URL=postgresql://virt_console:secret@db.example.org/virt_console
# TLS_CERT_FILE=/etc/virt-console/console.crt
# TLS_KEY_FILE=/etc/virt-console/console.key
# LOG_LEVEL=info
ENV
  echo "install-service: wrote $ENV_FILE (settings)"
fi

unit >"$UNIT_FILE"
echo "install-service: wrote $UNIT_FILE"
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now "$UNIT_NAME"
  echo "install-service: started; follow its log with: journalctl -u virt-console -f"
else
  echo "install-service: systemd is not running here; the unit starts at the next boot with systemd."
  echo "  Without systemd, have your service manager run \`npm start\` as root in $project (it drops to $CONSOLE_USER itself)."
fi
