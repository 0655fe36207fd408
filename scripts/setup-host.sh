#!/usr/bin/env bash
# Idempotent host setup: installs what the console (and, with --tests, its test suite) needs from
# Debian's packages, starts the daemons when there is no systemd, and makes sure the `default`
# network and `default` storage pool exist, are active and autostart.
set -euo pipefail

want_tests=0
for arg in "$@"; do
  case "$arg" in
    --tests) want_tests=1 ;;
    *) echo "usage: $0 [--tests]" >&2; exit 2 ;;
  esac
done

runtime_pkgs=(libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils osinfo-db xsltproc xorriso dnsmasq-base ovmf swtpm swtpm-tools netcat-openbsd openssl acl util-linux ipmitool)
test_pkgs=(chromium openssh-server iproute2 util-linux isolinux syslinux-common busybox-static python3-libvirt websockify socat libvirt-dev cpio postgresql libxml2-utils e2fsprogs python3-pyftpdlib nfs-ganesha nfs-ganesha-vfs sasl2-bin openssl haproxy systemd slapd ldap-utils prometheus fonts-noto-core fonts-noto-cjk openipmi iptables)
pkgs=("${runtime_pkgs[@]}")
[ "$want_tests" = 1 ] && pkgs+=("${test_pkgs[@]}")

say() { echo "setup-host: $*"; }

if [ "$(uname -s)" != Linux ] || [ ! -r /etc/debian_version ] || ! command -v apt-get >/dev/null; then
  say "this script sets up Debian or Ubuntu hosts only. Install these yourself: ${pkgs[*]}" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  say "run as root to install packages and start libvirtd. Needed packages: ${pkgs[*]}" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d stops the packages' maintainer scripts from failing where there is no init system.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

has_systemd=0
[ -d /run/systemd/system ] && has_systemd=1

if [ -e /dev/kvm ]; then
  # QEMU runs as libvirt-qemu (group kvm); a container's /dev/kvm is often root-only.
  chgrp kvm /dev/kvm 2>/dev/null || true
  chmod 0660 /dev/kvm 2>/dev/null || true
else
  say "no /dev/kvm: guests will run under software emulation (TCG), which is much slower"
fi

# The console runs as its own user in the libvirt group. Debian asks polkit (over the system D-Bus) who may use
# libvirt's socket, and its rule admits the libvirt group; where there is no system bus (containers, machines
# without systemd) polkit cannot answer, so the socket itself is limited to root and the libvirt group instead —
# the same people, decided by file permissions.
libvirtd_conf=/etc/libvirt/libvirtd.conf
socket_lines=('unix_sock_group = "libvirt"' 'unix_sock_rw_perms = "0770"' 'auth_unix_rw = "none"')
restart_libvirtd=0
if [ ! -S /run/dbus/system_bus_socket ] && [ -f "$libvirtd_conf" ]; then
  for line in "${socket_lines[@]}"; do
    if ! grep -qxF "$line" "$libvirtd_conf"; then
      [ "$restart_libvirtd" = 0 ] && printf '\n# virt-console (scripts/setup-host.sh): no system D-Bus for polkit here, so the libvirt group decides.\n' >> "$libvirtd_conf"
      echo "$line" >> "$libvirtd_conf"
      restart_libvirtd=1
    fi
  done
  [ "$restart_libvirtd" = 1 ] && say "libvirt's socket: group libvirt, mode 0770 (no polkit without a system bus)"
fi

sock=/run/libvirt/libvirt-sock
if [ "$restart_libvirtd" = 1 ] && pgrep -x libvirtd >/dev/null; then
  # Guests keep running while libvirtd restarts.
  if [ "$has_systemd" = 1 ]; then systemctl restart libvirtd; else pkill -x libvirtd; for _ in $(seq 1 50); do pgrep -x libvirtd >/dev/null || break; sleep 0.1; done; fi
fi
if [ "$has_systemd" = 1 ]; then
  systemctl start virtlogd.socket libvirtd.socket libvirtd.service 2>/dev/null || systemctl start libvirtd
else
  mkdir -p /run/libvirt
  pgrep -x virtlogd >/dev/null || virtlogd -d
  if ! pgrep -x libvirtd >/dev/null; then
    rm -f /run/libvirtd.pid
    libvirtd -d
  fi
fi
for _ in $(seq 1 100); do [ -S "$sock" ] && virsh -c qemu:///system version >/dev/null 2>&1 && break; sleep 0.1; done
virsh -c qemu:///system version >/dev/null || { say "libvirtd did not come up" >&2; exit 1; }

# The default NAT network: Debian ships its XML but does not always define it.
if ! virsh -q net-info default >/dev/null 2>&1; then
  virsh -q net-define /usr/share/libvirt/networks/default.xml >/dev/null
fi
virsh -q net-autostart default >/dev/null
if [ "$(virsh -q net-info default | awk '/^Active:/ {print $2}')" != yes ]; then
  virsh -q net-start default >/dev/null || say "warning: could not start the default network (no NAT support here?)"
fi

mkdir -p /var/lib/libvirt/images
if ! virsh -q pool-info default >/dev/null 2>&1; then
  virsh -q pool-define-as default dir --target /var/lib/libvirt/images >/dev/null
fi
virsh -q pool-autostart default >/dev/null
if [ "$(virsh -q pool-info default | awk '/^State:/ {print $2}')" != running ]; then
  virsh -q pool-start default >/dev/null
fi

# The console's own system user (scripts/console-user.sh).
source "$(dirname "$0")/console-user.sh"
ensure_console_user

say "ok: libvirt $(virsh -c qemu:///system version | sed -n "s/^Using library: libvirt //p"), KVM $([ -e /dev/kvm ] && echo yes || echo 'no (TCG)')"
