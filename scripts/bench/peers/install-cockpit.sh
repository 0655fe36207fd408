#!/usr/bin/env bash
# Cockpit Machines from Debian's packages, for bench:peers (runs as root; no systemd needed: the bench starts
# the system bus, libvirt-dbus and cockpit-ws by hand). Prints the packages it installed (none when they were all
# there), one line, on stdout, so that the bench removes exactly those when it ends; apt's own output goes to stderr.
set -euo pipefail
# cockpit-system is the shell the machines page lives in (without it cockpit-ws says "missing the cockpit-system package").
# sudo: Cockpit reaches libvirt's system connection only with administrative access, which it gets through sudo.
packages=(cockpit-ws cockpit-bridge cockpit-system cockpit-machines libvirt-dbus dbus sudo)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && echo && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# Recommends pull in much (packagekit, network-manager…) that the bench does not use.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
echo "${missing[*]}"
