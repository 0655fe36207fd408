#!/usr/bin/env bash
# Fetches libvirt's RPCGEN .x protocol files from Debian's libvirt source package
# into a gitignored cache dir. The system apt sources are left untouched: a private
# apt config adds a deb-src entry for the same mirror the machine already uses.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${LIBVIRT_PROTOCOL_CACHE:-$ROOT/.cache/libvirt-protocol}"
VERSION="${LIBVIRT_SOURCE_VERSION:-$(dpkg-query -W -f='${Version}' libvirt-dev 2>/dev/null || echo 9.0.0-4+deb12u2)}"
MIRROR="${DEBIAN_MIRROR:-$(grep -hoE '^URIs: *http[^ ]*debian$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | sed 's/^URIs: *//')}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SUITE="${DEBIAN_SUITE:-bookworm}"
OUT="$CACHE/x"

FILES=(src/remote/remote_protocol.x src/remote/qemu_protocol.x src/remote/lxc_protocol.x
       src/rpc/virnetprotocol.x src/rpc/virkeepaliveprotocol.x)

if [ -f "$OUT/.version" ] && [ "$(cat "$OUT/.version")" = "$VERSION" ]; then
  echo "protocol files for libvirt $VERSION already in $OUT"; exit 0
fi

APT="$CACHE/apt"
mkdir -p "$APT/sources.list.d" "$APT/lists/partial" "$APT/archives/partial" "$CACHE/src" "$OUT"
cat > "$APT/sources.list.d/libvirt-src.sources" <<SRC
Types: deb-src
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
cat > "$APT/sources.list.d/libvirt-security-src.sources" <<SRC
Types: deb-src
URIs: ${MIRROR%/debian}/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC

APT_OPTS=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$APT/sources.list.d"
          -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache::Archives=$APT/archives"
          -o APT::Sandbox::User=root -o Debug::NoLocking=1)
apt-get "${APT_OPTS[@]}" update -qq
cd "$CACHE/src"
apt-get "${APT_OPTS[@]}" source --download-only "libvirt=$VERSION" >/dev/null

ORIG="libvirt_${VERSION%%-*}.orig.tar.xz"
TOP="libvirt-${VERSION%%-*}"
tar -xJf "$ORIG" -C "$CACHE/src" "${FILES[@]/#/$TOP/}"
for f in "${FILES[@]}"; do cp "$CACHE/src/$TOP/$f" "$OUT/"; done
echo "$VERSION" > "$OUT/.version"
echo "protocol files for libvirt $VERSION written to $OUT"
