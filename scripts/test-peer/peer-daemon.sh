#!/usr/bin/env bash
# A second libvirtd on this machine, for migration tests: its own network namespace (reached over a
# veth pair, host 10.77.0.1 <-> peer 10.77.0.2), its own mount namespace (fresh /run/libvirt,
# /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt, /etc/libvirt), its own hostname and host UUID.
# It listens on qemu+tcp://10.77.0.2/system without authentication: that address exists only on the
# private veth, and the daemon exists only while tests run. It also listens on qemu+tls://10.77.0.2
# with SASL (SCRAM), for the RPC client's TLS and SASL tests. The machine's own libvirtd is not touched.
#
#   peer-daemon.sh start    (idempotent: a running peer is left alone)
#   peer-daemon.sh stop     (destroys the peer's guests, stops it, removes the namespace and its files)
#   peer-daemon.sh status
#
# A second peer (the cluster tests) shares the first one's network namespace with its own address, state
# directory, host UUID and host name: PEER_ADDR, PEER_STATE_DIR, PEER_UUID, PEER_HOSTNAME, and
# PEER_SHARED_NETNS=1 so that stopping it leaves the namespace and the first peer alone. A peer of its own (the
# high-availability tests power theirs off) takes its own namespace, veth pair and subnet: PEER_NETNS,
# PEER_HOST_IF, PEER_PEER_IF, PEER_HOST_ADDR and PEER_ADDR.
set -euo pipefail

NETNS=${PEER_NETNS:-virtcon-peer}
HOST_IF=${PEER_HOST_IF:-vcpeer0}
PEER_IF=${PEER_PEER_IF:-vcpeer1}
HOST_ADDR=${PEER_HOST_ADDR:-10.77.0.1}
PEER_ADDR=${PEER_ADDR:-10.77.0.2}
PEER_UUID=${PEER_UUID:-7a5c0e1e-77a0-4c6b-9e2a-0000000000b2}
STATE=${PEER_STATE_DIR:-/var/lib/virt-console-peer}
PEER_HOSTNAME=${PEER_HOSTNAME:-virt-console-peer}
SHARED_NETNS=${PEER_SHARED_NETNS:-0}
PIDFILE=$STATE/libvirtd.pid
URI="qemu+tcp://$PEER_ADDR/system"
SASL_USER=virtconsole
SASL_PASSWORD=peer-sasl-password

say() { echo "peer-daemon: $*" >&2; }

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

answers() {
  virsh -q -c "$URI" uri >/dev/null 2>&1
}

write_config() {
  local etc=$STATE/etc
  mkdir -p "$etc"
  # Only the daemon's own settings; none of the main daemon's guests, networks, pools or secrets.
  for f in libvirt.conf libvirt-admin.conf virtlogd.conf virtlockd.conf; do
    [ -f "/etc/libvirt/$f" ] && cp "/etc/libvirt/$f" "$etc/$f"
  done
  [ -d /etc/libvirt/nwfilter ] && cp -r /etc/libvirt/nwfilter "$etc/"
  # TLS with SASL for the client's transport and authentication tests: a throw-away CA and one
  # SCRAM user in the peer's own SASL database (test-only credentials, on the private veth only).
  bash "$(dirname "$0")/make-pki.sh" "$etc/pki" "$PEER_ADDR"
  # The realm is the peer's own host name (set in its UTS namespace below), which libvirtd looks users up in.
  echo "$SASL_PASSWORD" | saslpasswd2 -a libvirt -f "$etc/passwd.db" -u "$PEER_HOSTNAME" -c -p "$SASL_USER"
  mkdir -p "$STATE/sasl2"
  cat >"$STATE/sasl2/libvirt.conf" <<EOF
mech_list: scram-sha-256 scram-sha-1
sasldb_path: /etc/libvirt/passwd.db
EOF
  cat >"$etc/libvirtd.conf" <<EOF
# The migration test peer (scripts/test-peer/peer-daemon.sh). Test-only: no auth on the private veth
# over TCP; TLS asks for SASL.
host_uuid = "$PEER_UUID"
listen_tls = 1
listen_tcp = 1
listen_addr = "$PEER_ADDR"
auth_tcp = "none"
auth_tls = "sasl"
ca_file = "/etc/libvirt/pki/cacert.pem"
cert_file = "/etc/libvirt/pki/servercert.pem"
key_file = "/etc/libvirt/pki/serverkey.pem"
auth_unix_rw = "none"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  cat >"$etc/qemu.conf" <<EOF
# virtlogd's socket lives in the main daemon's /run/libvirt, which this daemon does not see.
stdio_handler = "file"
# Both daemons number their guests from 1: shared cgroup paths (machine/qemu-1-NAME) would collide.
cgroup_controllers = [ ]
security_driver = "none"
# No relabelling: both daemons would chown (and keep owner xattrs on) the same shared files, such as
# the test guest's kernel. The peer's QEMU runs as root and needs no labels.
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
migration_address = "$PEER_ADDR"
migration_host = "$PEER_ADDR"
vnc_listen = "127.0.0.1"
EOF
}

setup_network() {
  ip netns list | grep -qw "^$NETNS" || ip netns add "$NETNS"
  if ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    ip link add "$HOST_IF" type veth peer name "$PEER_IF"
    ip link set "$PEER_IF" netns "$NETNS"
  fi
  ip addr replace "$HOST_ADDR/24" dev "$HOST_IF"
  ip link set "$HOST_IF" up
  ip netns exec "$NETNS" ip link set lo up
  ip netns exec "$NETNS" ip addr replace "$PEER_ADDR/24" dev "$PEER_IF"
  ip netns exec "$NETNS" ip link set "$PEER_IF" up
}

start() {
  if running && answers; then
    say "already running ($URI)"
    return 0
  fi
  stop_daemon
  rm -rf "$STATE"
  mkdir -p "$STATE"/{run,lib,cache,log}
  write_config
  setup_network
  # ip netns exec gives a private mount namespace with the namespace's own /sys; unshare adds the UTS
  # namespace (another hostname) and makes sure no bind mount below leaks back to the machine.
  ip netns exec "$NETNS" unshare --mount --uts --propagation private bash -c '
    set -e
    state=$1 pidfile=$2
    hostname "$3"
    mount --bind "$state/run" /run/libvirt
    mount --bind "$state/lib" /var/lib/libvirt
    mount --bind "$state/cache" /var/cache/libvirt
    mount --bind "$state/log" /var/log/libvirt
    mount --bind "$state/etc" /etc/libvirt
    mkdir -p /etc/sasl2
    mount --bind "$state/sasl2" /etc/sasl2
    exec setsid libvirtd --listen --pid-file "$pidfile" </dev/null >>"$state/libvirtd.stdout" 2>&1
  ' peer "$STATE" "$PIDFILE" "$PEER_HOSTNAME" &
  for _ in $(seq 1 150); do
    answers && break
    sleep 0.1
  done
  if ! answers; then
    say "the peer libvirtd did not answer on $URI; its log:"
    tail -n 30 "$STATE/log/libvirtd.log" "$STATE/libvirtd.stdout" >&2 2>/dev/null || true
    exit 1
  fi
  say "running: $URI (host UUID $PEER_UUID)"
}

stop_daemon() {
  if running; then
    # The peer's guests die with it: QEMU processes are left running by libvirtd otherwise.
    for dom in $(virsh -q -c "$URI" list --name 2>/dev/null); do virsh -q -c "$URI" destroy "$dom" >/dev/null 2>&1 || true; done
    local pid
    pid=$(cat "$PIDFILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  # Whatever is left in the namespace is the peer's (an orphaned daemon, its QEMU or dnsmasq processes),
  # unless another peer shares it.
  if [ "$SHARED_NETNS" != 1 ] && ip netns list | grep -qw "^$NETNS"; then
    for pid in $(ip netns pids "$NETNS"); do kill -9 "$pid" 2>/dev/null || true; done
  fi
}

stop() {
  stop_daemon
  if [ "$SHARED_NETNS" != 1 ]; then
    ip link del "$HOST_IF" 2>/dev/null || true
    ip netns del "$NETNS" 2>/dev/null || true
  fi
  rm -rf "$STATE"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running && answers; then echo "running $URI"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
