#!/usr/bin/env bash
# libvirt's own domain XML test corpus (tests/qemuxml2xmloutdata, whose files link into
# tests/qemuxml2argvdata), taken from the libvirt source package fetch-protocol.sh downloads, into a
# gitignored cache dir. tests/unit/xml/libvirt-corpus.test.ts reads it.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${LIBVIRT_PROTOCOL_CACHE:-$ROOT/.cache/libvirt-protocol}"
VERSION="${LIBVIRT_SOURCE_VERSION:-$(dpkg-query -W -f='${Version}' libvirt-dev 2>/dev/null || echo 9.0.0-4+deb12u2)}"
UPSTREAM="${VERSION%%-*}"
ORIG="$CACHE/src/libvirt_${UPSTREAM}.orig.tar.xz"
OUT="$CACHE/corpus"

if [ -f "$OUT/.version" ] && [ "$(cat "$OUT/.version")" = "$VERSION" ]; then
  echo "libvirt $VERSION XML corpus already in $OUT"; exit 0
fi
if [ ! -f "$ORIG" ]; then
  # The protocol files are current but the source package is gone: fetch it again.
  rm -f "$CACHE/x/.version"
  bash "$ROOT/scripts/libvirt/fetch-protocol.sh" >/dev/null
fi

rm -rf "$OUT" && mkdir -p "$OUT"
TOP="libvirt-$UPSTREAM"
tar -xJf "$ORIG" -C "$OUT" --strip-components=2 --wildcards "$TOP/tests/qemuxml2xmloutdata/*" "$TOP/tests/qemuxml2argvdata/*.xml"
echo "$VERSION" > "$OUT/.version"
echo "libvirt $VERSION XML corpus written to $OUT"
