#!/usr/bin/env bash
# Builds a tiny Linux test guest: Debian's kernel (linux-image-amd64, extracted with
# dpkg-deb) plus a busybox-static initramfs whose init mounts proc/sys/dev, loads the
# virtio modules, prints "TESTGUEST READY" and runs a shell on ttyS0.
# Idempotent: does nothing when $TEST_GUEST_DIR already holds a complete build made by
# this exact script.
# Output: $TEST_GUEST_DIR/{vmlinuz,initrd.img,cmdline,kernel-version}
set -euo pipefail

OUT="${TEST_GUEST_DIR:-/var/cache/virt-console/test-guest}"
# The cache stamp is the script's own hash: any change to the module list or the init
# script rebuilds, with no version number to remember to bump.
BUILD_VERSION="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
if [ -f "$OUT/vmlinuz" ] && [ -f "$OUT/initrd.img" ] && [ "$(cat "$OUT/.build-version" 2>/dev/null)" = "$BUILD_VERSION" ]; then
  echo "test guest already built in $OUT"; exit 0
fi
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

KPKG="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
[ -n "$KPKG" ] || { echo "cannot resolve the kernel package behind linux-image-amd64" >&2; exit 1; }
apt-get download -qq "$KPKG"
dpkg-deb -x "$KPKG"_*.deb kernel
KVER="${KPKG#linux-image-}"
MODDIR="kernel/lib/modules/$KVER"
# PCI hot-plug on the pc machine goes through ACPI (acpiphp), which cannot be a module:
# fail loudly if a future kernel drops it rather than let hotplug tests time out.
grep -q '^CONFIG_HOTPLUG_PCI_ACPI=y' "kernel/boot/config-$KVER" || { echo "kernel $KVER lacks built-in ACPI PCI hotplug" >&2; exit 1; }

BUSYBOX="$(command -v busybox || true)"
if [ -z "$BUSYBOX" ] || ! file -L "$BUSYBOX" | grep -q static; then
  apt-get download -qq busybox-static
  dpkg-deb -x busybox-static_*.deb bb
  BUSYBOX="$WORK/bb/bin/busybox"
fi
ROOT="$WORK/initramfs"
mkdir -p "$ROOT"/{bin,sbin,proc,sys,dev,tmp,etc,lib/modules,var/log,var/run}
cp "$BUSYBOX" "$ROOT/bin/busybox"
for applet in sh mount umount mkdir echo cat ls insmod ip ifconfig poweroff reboot sleep uname mdev setsid cttyhack dmesg acpid \
  findfs hostname sed head tr tee; do
  ln -sf busybox "$ROOT/bin/$applet"
done

# Resolve the virtio modules and their dependencies (in load order). The package ships
# no modules.dep (depmod runs at install time), so read each module's "depends=" modinfo.
# button + evdev: the ACPI power button reaches acpid, so shutdown and reboot work like on a real guest.
# virtio_balloon: memory changes on a running guest show in MemTotal; virtio_scsi + sd_mod: SCSI disks
# appear as sd*. ata_piix (IDE, pc) + ahci (SATA, q35) + sr_mod + isofs: a cloud-init seed CD-ROM
# can be read. Each costs a few hundred KB of initramfs, not build time.
WANTED=(virtio_pci virtio_blk virtio_net virtio_console virtio_rng virtio_balloon virtio_scsi sd_mod button evdev
  ata_piix ahci sr_mod isofs)
declare -A SEEN=()
ORDER=()
module_path() { find "$MODDIR/kernel" -name "$1.ko" -o -name "$(echo "$1" | tr _ -).ko" | head -1; }
add_module() {
  local name="$1" path dep
  path="$(module_path "$name")"
  [ -n "$path" ] || return 0   # built into the kernel
  [ -n "${SEEN[$path]:-}" ] && return 0
  SEEN[$path]=1
  for dep in $(grep -a -o 'depends=[A-Za-z0-9_,-]*' "$path" | head -1 | cut -d= -f2 | tr , ' '); do add_module "$dep"; done
  ORDER+=("$path")
}
for m in "${WANTED[@]}"; do add_module "$m"; done
: > "$ROOT/lib/modules/load-order"
for path in "${ORDER[@]}"; do
  cp "$path" "$ROOT/lib/modules/"
  basename "$path" >> "$ROOT/lib/modules/load-order"
done

cat > "$ROOT/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null || mdev -s
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
for m in $(cat /lib/modules/load-order); do insmod /lib/modules/$m 2>/dev/null; done
ip link set lo up 2>/dev/null
acpid  # logs to /var/log/acpid.log; it exits at once without that directory
# NoCloud, in the background (CD drives appear a moment after their modules load; a guest
# without one must not wait): the first medium labelled cidata with a meta-data file names the host.
nocloud() {
  tries=0
  while [ $tries -lt 20 ]; do
    for dev in $(findfs LABEL=cidata 2>/dev/null) $(findfs LABEL=CIDATA 2>/dev/null) /dev/sr0 /dev/sr1; do
      [ -b "$dev" ] || continue
      mkdir -p /mnt/seed
      mount -t iso9660 -o ro "$dev" /mnt/seed 2>/dev/null || continue
      name="$(sed -n 's/^local-hostname: *//p' /mnt/seed/meta-data 2>/dev/null | head -1 | tr -d "\"' \r")"
      umount /mnt/seed
      [ -n "$name" ] || continue
      hostname "$name"
      echo "cloud-init: hostname=$(hostname)" | tee /var/log/nocloud >/dev/ttyS0
      return 0
    done
    tries=$((tries + 1))
    sleep 1
  done
}
nocloud &
echo "TESTGUEST READY $(uname -r)"
while true; do
  setsid cttyhack sh -l </dev/ttyS0 >/dev/ttyS0 2>&1
done
INIT
chmod +x "$ROOT/init"
mkdir -p "$ROOT/etc/acpi/PWRF"
printf '#!/bin/sh\npoweroff -f\n' > "$ROOT/etc/acpi/PWRF/00000080"
chmod +x "$ROOT/etc/acpi/PWRF/00000080"

(cd "$ROOT" && find . | cpio -o -H newc --quiet | gzip -9) > "$WORK/initrd.img"
cp "kernel/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
install -m 0644 "$WORK/vmlinuz" "$OUT/vmlinuz.tmp" && mv "$OUT/vmlinuz.tmp" "$OUT/vmlinuz"
install -m 0644 "$WORK/initrd.img" "$OUT/initrd.img.tmp" && mv "$OUT/initrd.img.tmp" "$OUT/initrd.img"
echo "console=ttyS0 panic=-1 quiet" > "$OUT/cmdline"
echo "$KVER" > "$OUT/kernel-version"
echo "$BUILD_VERSION" > "$OUT/.build-version"
echo "test guest built in $OUT (kernel $KVER, modules: ${#ORDER[@]})"
