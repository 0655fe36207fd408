// Device-rich TCG guests built with the lib/xml API, for defining in the real libvirtd.
import {
  Channel,
  Console,
  Controller,
  CpuFeature,
  Disk,
  Domain,
  Filesystem,
  Graphics,
  Hostdev,
  Input,
  Interface,
  Memballoon,
  Panic,
  Parallel,
  Redirdev,
  Rng,
  Serial,
  Smartcard,
  Sound,
  Tpm,
  Video,
  Watchdog,
  ClockTimer,
} from "@/lib/xml";

export const PREFIX = "vc-xmltest-";
const EMULATOR = "/usr/bin/qemu-system-x86_64";

function baseGuest(name: string, machine: string): Domain {
  const dom = Domain.create({ type: "qemu", name: `${PREFIX}${name}`, memoryKiB: 524288, currentMemoryKiB: 524288, vcpus: 2 });
  dom.title = `lib/xml integration guest ${name}`;
  dom.description = "Defined by tests/integration/xml & removed afterwards";
  dom.os.type = "hvm";
  dom.os.arch = "x86_64";
  dom.os.machine = machine;
  dom.features.acpi = true;
  dom.features.apic = true;
  dom.clock.offset = "utc";
  dom.onPoweroff = "destroy";
  dom.onReboot = "restart";
  dom.onCrash = "destroy";
  dom.devices.emulator = EMULATOR;
  return dom;
}

/** q35 + UEFI secure boot, virtio everywhere, SPICE with agent channels, emulated TPM. */
export function q35Guest(files: { disk: string }): Domain {
  const dom = baseGuest("q35", "q35");
  dom.os.useUefi(true);
  dom.features.smm = true;
  dom.cpu.mode = "custom";
  dom.cpu.match = "exact";
  dom.cpu.model = "qemu64";
  dom.cpu.setTopology({ sockets: 1, cores: 2, threads: 1 });
  const dev = dom.devices;
  dev.add(
    new Disk({
      type: "file",
      device: "disk",
      driverName: "qemu",
      driverType: "qcow2",
      driverCache: "none",
      driverDiscard: "unmap",
      sourceFile: files.disk,
      targetDev: "vda",
      targetBus: "virtio",
      bootOrder: 1,
      serial: "VC-Q35-1",
    }),
  );
  dev.add(
    new Disk({
      type: "file",
      device: "cdrom",
      driverName: "qemu",
      driverType: "raw",
      targetDev: "sda",
      targetBus: "sata",
      readonly: true,
      bootOrder: 2,
    }),
  );
  dev.add(new Controller({ type: "usb", index: 0, model: "qemu-xhci", ports: 15 }));
  dev.add(new Controller({ type: "virtio-serial", index: 0 }));
  dev.add(
    new Interface({
      type: "network",
      sourceNetwork: "default",
      mac: "52:54:00:7c:00:01",
      model: "virtio",
      linkState: "up",
      inboundAverage: 1000,
      inboundPeak: 2000,
      inboundBurst: 512,
      outboundAverage: 500,
    }),
  );
  dev.add(new Interface({ type: "user", mac: "52:54:00:7c:00:02", model: "e1000e" }));
  dev.add(new Serial({ type: "pty", targetType: "isa-serial", targetPort: 0, targetModel: "isa-serial" }));
  dev.add(new Console({ type: "pty", targetType: "serial", targetPort: 0 }));
  dev.add(Channel.guestAgent());
  dev.add(Channel.spiceAgent());
  dev.add(new Input({ type: "tablet", bus: "usb" }));
  dev.add(new Tpm({ model: "tpm-crb", backendType: "emulator", backendVersion: "2.0" }));
  dev.add(new Graphics({ type: "spice", autoport: true, passwd: "vc-secret", imageCompression: "auto_glz" })).listenOn("127.0.0.1");
  dev.add(new Sound({ model: "ich9" }));
  dev.add(new Video({ model: "qxl", vram: 65536, heads: 1, primary: true }));
  dev.add(new Redirdev({ bus: "usb", type: "spicevmc" }));
  dev.add(new Watchdog({ model: "i6300esb", action: "reset" }));
  dev.add(new Memballoon({ model: "virtio", autodeflate: true, statsPeriod: 10 }));
  dev.add(new Rng({ model: "virtio", backendModel: "random", backendPath: "/dev/urandom", rateBytes: 1024, ratePeriod: 1000 }));
  return dom;
}

/** i440fx + BIOS, IDE/SCSI/floppy storage, VNC, direct kernel boot, tuning, passthrough definitions. */
export function i440fxGuest(files: { disk: string; iso: string; floppy: string; kernel: string; initrd: string }): Domain {
  const dom = baseGuest("i440fx", "pc");
  dom.memoryBackingSource = "memfd";
  dom.memoryBackingAccess = "shared";
  dom.vcpus = 4;
  dom.currentVcpus = 2;
  dom.vcpuPlacement = "static";
  dom.cputune.shares = 1024;
  dom.cputune.pin(0, "0");
  dom.cputune.pin(1, "1");
  dom.cputune.emulatorPin = "0-1";
  dom.os.kernel = files.kernel;
  dom.os.initrd = files.initrd;
  dom.os.cmdline = "console=ttyS0 quiet";
  dom.os.bootMenu = true;
  dom.os.bootMenuTimeout = 2000;
  Object.assign(dom.features, {
    pae: true,
    hypervMode: "custom",
    hypervRelaxed: true,
    hypervVapic: true,
    hypervSpinlocks: true,
    hypervSpinlockRetries: 8191,
    vmport: false,
  });
  dom.cpu.mode = "custom";
  dom.cpu.match = "exact";
  dom.cpu.model = "qemu64";
  dom.cpu.features.add(new CpuFeature({ policy: "disable", name: "svm" }));
  dom.clock.offset = "localtime";
  dom.clock.timers.add(new ClockTimer({ name: "rtc", tickpolicy: "catchup" }));
  dom.clock.timers.add(new ClockTimer({ name: "hpet", present: false }));
  dom.suspendToMem = false;
  dom.suspendToDisk = false;
  const dev = dom.devices;
  dev.add(
    new Disk({
      type: "file",
      device: "disk",
      driverName: "qemu",
      driverType: "raw",
      driverIo: "threads",
      sourceFile: files.disk,
      targetDev: "sda",
      targetBus: "scsi",
      shareable: true,
    }),
  );
  dev.add(
    new Disk({
      type: "file",
      device: "cdrom",
      driverName: "qemu",
      driverType: "raw",
      sourceFile: files.iso,
      targetDev: "hdc",
      targetBus: "ide",
      readonly: true,
    }),
  );
  dev.add(
    new Disk({
      type: "file",
      device: "floppy",
      driverName: "qemu",
      driverType: "raw",
      sourceFile: files.floppy,
      targetDev: "fda",
      targetBus: "fdc",
    }),
  );
  dev.add(
    new Disk({
      type: "volume",
      device: "disk",
      driverName: "qemu",
      driverType: "raw",
      sourcePool: "default",
      sourceVolume: "vc-xmltest-absent.img",
      targetDev: "vdb",
      targetBus: "virtio",
      driverCache: "writethrough",
    }),
  );
  dev.add(new Controller({ type: "scsi", index: 0, model: "virtio-scsi", driverQueues: 2 }));
  dev.add(new Controller({ type: "usb", index: 0, model: "ich9-ehci1" }));
  dev.add(new Controller({ type: "ccid", index: 0 }));
  dev.add(new Filesystem({ type: "mount", accessmode: "passthrough", driverType: "virtiofs", sourceDir: "/tmp", targetDir: "hosttmp" }));
  dev.add(new Interface({ type: "network", sourceNetwork: "default", mac: "52:54:00:7c:00:03", model: "rtl8139", linkState: "down" }));
  // Bridge and macvtap NICs are only checked when the guest starts, so defining them needs no host setup.
  dev.add(new Interface({ type: "bridge", sourceBridge: "virbr0", mac: "52:54:00:7c:00:04", model: "virtio", bootOrder: 2 }));
  dev.add(
    new Interface({
      type: "direct",
      sourceDev: "eth0",
      sourceMode: "bridge",
      mac: "52:54:00:7c:00:05",
      model: "virtio",
      outboundAverage: 800,
    }),
  );
  dev.add(new Smartcard({ mode: "host" }));
  dev.add(new Parallel({ type: "file", sourcePath: "/tmp/vc-xmltest-parallel.log", targetPort: 0 }));
  dev.add(new Input({ type: "keyboard", bus: "virtio", model: "virtio" }));
  dev.add(new Graphics({ type: "vnc", port: 5977, autoport: false, keymap: "en-us", passwd: "vncpass" })).listenOn("127.0.0.1");
  dev.add(new Video({ model: "vga", vram: 16384, heads: 1 }));
  dev.add(new Hostdev({ mode: "subsystem", type: "usb", managed: true, usbVendor: "0x0951", usbProduct: "0x1666", bootOrder: undefined }));
  dev.add(new Memballoon({ model: "virtio" }));
  dev.add(new Panic({ model: "isa" }));
  return dom;
}
