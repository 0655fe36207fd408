// The golden cases: <name>-in.xml (what libvirt 9.0 printed) is parsed, edited as `what` says,
// written back and compared with <name>-out.xml. Cases without an input build a document from
// nothing through the public API (what the guest builder will do).
import {
  Audio,
  GuestNumaCell,
  Hub,
  Iommu,
  Lease,
  MemoryDevice,
  Redirfilter,
  RedirfilterUsbdev,
  Shmem,
  Vsock,
  Channel,
  Controller,
  Disk,
  DiskSourceHost,
  Domain,
  DomainSnapshot,
  Filesystem,
  Graphics,
  Hostdev,
  Input,
  Interface,
  Memballoon,
  type ModelCtor,
  Network,
  NetworkIp,
  Panic,
  Rng,
  Serial,
  Console,
  SnapshotDisk,
  Sound,
  StoragePool,
  StorageVolume,
  Tpm,
  Video,
  Watchdog,
  type XmlModel,
  DhcpRange,
  DhcpHost,
  DnsHost,
  HostInterface,
  PoolSourceDevice,
  PoolSourceHost,
  Smartcard,
  Redirdev,
  Parallel,
  CpuFeature,
  ClockTimer,
  InterfaceMember,
} from "@/lib/xml";
import { buildPool } from "@/lib/xml/builder/pool-builder";
import { wizardPools } from "../../../fixtures/pools/wizard-inputs";
import { readFixture } from "./fixtures";

export interface GoldenCase {
  name: string;
  what: string;
  build?: () => XmlModel;
  edit?: (model: XmlModel) => void;
}

/** Types an edit for one model class (and fails loudly if the fixture parsed as something else). */
function on<M extends XmlModel>(cls: ModelCtor<M>, edit: (model: M) => void): (model: XmlModel) => void {
  return (model) => {
    if (!(model instanceof cls)) throw new Error(`expected ${cls.name}, parsed ${model.statics.modelName}`);
    edit(model);
  };
}

export const goldenCases: GoldenCase[] = [
  {
    name: "domain-test",
    what: "rename, title, memory in MiB, a CD-ROM and a bridged NIC added, balloon removed",
    edit: on(Domain, (d) => {
      d.id = undefined;
      d.name = "test-renamed";
      d.title = "Renamed test guest";
      d.setMemoryMiB(1024);
      d.devices.add(
        new Disk({ type: "file", device: "cdrom", sourceFile: "/isos/debian-12.iso", targetDev: "sda", targetBus: "sata", readonly: true }),
      );
      d.devices.add(new Interface({ type: "bridge", sourceBridge: "br0", mac: "52:54:00:00:00:99", model: "virtio" }));
      d.devices.remove(d.devices.memballoons.at(0)!);
      d.devices.disks.at(0)!.address.bus = "0x02";
    }),
  },
  {
    name: "domain-full",
    what: "disk cache/discard, CD-ROM ejected, NIC link down and new bandwidth, SPICE password, VNC on localhost, pins, watchdog removed, metadata replaced",
    edit: on(Domain, (d) => {
      const disk = d.devices.disks.find((x) => x.targetDev === "vda")!;
      disk.driverCache = "writeback";
      disk.driverDiscard = "ignore";
      disk.bootOrder = undefined;
      d.devices.disks.find((x) => x.device === "cdrom")!.clearSource();
      const nic = d.devices.interfaces.find((x) => x.type === "network")!;
      nic.linkState = "down";
      nic.inboundAverage = 2000;
      nic.outboundBurst = undefined;
      d.devices.graphics.find((g) => g.type === "spice")!.passwd = "n3w-secret";
      d.devices.graphics.find((g) => g.type === "vnc")!.listenOn("127.0.0.1");
      d.cputune.pin(1, "0-1");
      d.cputune.pin(2, "1");
      d.devices.remove(d.devices.watchdogs.at(0)!);
      d.metadataXml = `<vc:guest xmlns:vc="https://virt-console.example/xmlns/guest/1"><vc:owner>ops</vc:owner></vc:guest>`;
      d.features.kvmHidden = undefined;
      d.cpu.features.add(new CpuFeature({ policy: "optional", name: "vmx" }));
      d.clock.timers.find((t) => t.name === "hpet")!.present = true;
    }),
  },
  {
    name: "domain-live",
    what: "live XML (aliases, channel state, seclabel): VNC port cleared for a redefinition",
    edit: on(Domain, (d) => {
      d.id = undefined;
      const vnc = d.devices.graphics.at(0)!;
      vnc.port = undefined;
      vnc.autoport = true;
      d.devices.channels.at(0)!.targetState = undefined;
    }),
  },
  {
    name: "domain-live-spice-password",
    what: "a one-off display password as sent to virDomainUpdateDeviceFlags: the live graphics element edited in place, connected clients kept",
    build: () => {
      const d = Domain.parse(readFixture("domain-live-in.xml"));
      d.id = undefined;
      const display = d.devices.graphics.at(0)!;
      display.passwd = "one-off-secret";
      display.passwdValidTo = "2030-01-01T00:02:00";
      display.connected = "keep";
      return d;
    },
  },
  {
    name: "domain-uefi",
    what: "firmware auto-selection replaced by an explicit secure-boot loader and NVRAM, CD-ROM boots first, boot menu on",
    edit: on(Domain, (d) => {
      const os = d.os;
      os.firmware = undefined;
      os.secureBoot = undefined;
      os.enrolledKeys = undefined;
      os.loader = "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd";
      os.loaderReadonly = true;
      os.loaderSecure = true;
      os.loaderType = "pflash";
      os.nvram = "/var/lib/libvirt/qemu/nvram/vc-xmltest-uefi_VARS.fd";
      os.nvramTemplate = "/usr/share/OVMF/OVMF_VARS_4M.ms.fd";
      os.bootDevices = ["cdrom", "hd"];
      os.bootMenu = true;
      d.cpu.migratable = false;
    }),
  },
  {
    name: "domain-kernel",
    what: "direct kernel boot dropped for disk boot, two vCPUs of four online, topology set",
    edit: on(Domain, (d) => {
      d.os.kernel = undefined;
      d.os.initrd = undefined;
      d.os.cmdline = undefined;
      d.vcpus = 4;
      d.currentVcpus = 2;
      d.cpu.setTopology({ sockets: 1, cores: 2, threads: 2 });
      d.clock.offset = "utc";
      d.clock.timezone = undefined;
    }),
  },
  {
    name: "domain-built",
    what: "a TCG guest built from nothing through the API (q35, UEFI, virtio, qemu-ga, SPICE, TPM)",
    build: () => {
      const d = Domain.create({
        type: "qemu",
        name: "vc-built",
        uuid: "0b3d8a2e-5f6c-4d7e-9a1b-2c3d4e5f6a7b",
        memoryKiB: 2097152,
        currentMemoryKiB: 2097152,
        vcpus: 2,
      });
      d.description = "Built by the golden tests";
      d.os.type = "hvm";
      d.os.arch = "x86_64";
      d.os.machine = "q35";
      d.os.useUefi(true);
      Object.assign(d.features, { acpi: true, apic: true, smm: true });
      d.cpu.mode = "host-model";
      d.clock.offset = "utc";
      d.clock.timers.add(new ClockTimer({ name: "rtc", tickpolicy: "catchup" }));
      d.onPoweroff = "destroy";
      d.onReboot = "restart";
      d.onCrash = "destroy";
      d.suspendToMem = false;
      d.suspendToDisk = false;
      const dev = d.devices;
      dev.emulator = "/usr/bin/qemu-system-x86_64";
      dev.add(
        new Disk({
          type: "file",
          device: "disk",
          driverName: "qemu",
          driverType: "qcow2",
          driverDiscard: "unmap",
          sourceFile: "/var/lib/libvirt/images/vc-built.qcow2",
          targetDev: "vda",
          targetBus: "virtio",
          bootOrder: 1,
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
      const nbd = dev.add(
        new Disk({
          type: "network",
          device: "disk",
          driverName: "qemu",
          driverType: "raw",
          sourceProtocol: "nbd",
          sourceName: "data",
          targetDev: "vdb",
          targetBus: "virtio",
        }),
      );
      nbd.sourceHosts.add(new DiskSourceHost({ name: "nbd.example.org", port: "10809" }));
      dev.add(new Controller({ type: "usb", index: 0, model: "qemu-xhci", ports: 15 }));
      dev.add(new Controller({ type: "scsi", index: 0, model: "virtio-scsi", driverQueues: 2 }));
      dev.add(
        new Interface({
          type: "network",
          sourceNetwork: "default",
          mac: "52:54:00:12:34:56",
          model: "virtio",
          bootOrder: 3,
          outboundAverage: 1000,
          outboundPeak: 2000,
          inboundAverage: 2000,
          inboundPeak: 4000,
          inboundBurst: 64,
        }),
      );
      dev.add(new Interface({ type: "user", model: "e1000e", linkState: "up" }));
      dev.add(new Serial({ type: "pty", targetType: "isa-serial", targetPort: 0, targetModel: "isa-serial" }));
      dev.add(new Console({ type: "pty", targetType: "serial", targetPort: 0 }));
      dev.add(Channel.guestAgent());
      dev.add(Channel.spiceAgent());
      dev.add(new Input({ type: "tablet", bus: "usb" }));
      dev.add(new Tpm({ model: "tpm-crb", backendType: "emulator", backendVersion: "2.0" }));
      const spice = dev.add(new Graphics({ type: "spice", autoport: true, imageCompression: "off" }));
      spice.listenOn("127.0.0.1");
      dev.add(new Sound({ model: "ich9" }));
      dev.add(new Video({ model: "qxl", vram: 65536, ram: 65536, vgamem: 16384, heads: 1, primary: true }));
      dev.add(
        new Hostdev({
          mode: "subsystem",
          type: "pci",
          managed: true,
          sourceAddressDomain: "0x0000",
          sourceAddressBus: "0x01",
          sourceAddressSlot: "0x00",
          sourceAddressFunction: "0x0",
        }),
      );
      dev.add(new Redirdev({ bus: "usb", type: "spicevmc" }));
      dev.add(new Watchdog({ model: "i6300esb", action: "poweroff" }));
      dev.add(new Memballoon({ model: "virtio", statsPeriod: 5 }));
      dev.add(new Rng({ model: "virtio", backendModel: "random", backendPath: "/dev/urandom" }));
      Object.assign(dev.add(new Panic({ model: "isa" })).address, { type: "isa", iobase: "0x505" });
      return d;
    },
  },
  {
    name: "domain-built-devices",
    what: "the remaining device families and options built from nothing (virtiofs with shared memory, 9p, smartcard, parallel, passthrough input and TPM, USB hostdev, SPICE TLS, NBD over a socket)",
    build: () => {
      const d = Domain.create({
        type: "qemu",
        name: "vc-built-devices",
        memoryKiB: 1048576,
        vcpus: 1,
        memoryBackingSource: "memfd",
        memoryBackingAccess: "shared",
      });
      d.os.type = "hvm";
      d.devices.emulator = "/usr/bin/qemu-system-x86_64";
      d.devices.add(
        new Filesystem({ type: "mount", accessmode: "passthrough", driverType: "virtiofs", sourceDir: "/srv/share", targetDir: "share" }),
      );
      d.devices.add(new Controller({ type: "ccid", index: 0 }));
      d.devices.add(new Smartcard({ mode: "passthrough", type: "spicevmc" }));
      d.devices.add(new Parallel({ type: "file", sourcePath: "/var/log/vc-parallel.log", targetPort: 0 }));
      d.devices.add(new Input({ type: "passthrough", bus: "virtio", sourceEvdev: "/dev/input/event2" }));
      d.devices.add(new Hostdev({ mode: "subsystem", type: "usb", managed: true, usbVendor: "0x0951", usbProduct: "0x1666" }));
      d.devices.add(
        new Filesystem({
          type: "mount",
          accessmode: "mapped",
          driverType: "path",
          sourceDir: "/srv/iso",
          targetDir: "iso",
          readonly: true,
        }),
      );
      d.devices.add(new Tpm({ model: "tpm-tis", backendType: "passthrough", backendDevicePath: "/dev/tpm0" }));
      d.devices.add(
        new Graphics({
          type: "vnc",
          port: 5901,
          autoport: false,
          passwd: "secret",
          keymap: "de",
          listenType: "network",
          listenNetwork: "default",
        }),
      );
      d.devices.add(new Graphics({ type: "spice", port: 5930, tlsPort: 5931, autoport: false, defaultMode: "secure", glEnable: false }));
      d.devices.add(new Video({ model: "virtio", accel3d: false }));
      d.devices.disks
        .add(new Disk({ type: "network", device: "disk", sourceProtocol: "nbd", targetDev: "vdc", targetBus: "virtio" }))
        .sourceHosts.add(new DiskSourceHost({ transport: "unix", socket: "/run/nbd.sock" }));
      Object.assign(d.cpu, { mode: "custom", match: "exact", model: "qemu64", vendor: "AMD" });
      Object.assign(d.clock, { offset: "utc", adjustment: "reset" });
      d.features.vmport = false;
      return d;
    },
  },
  {
    name: "domain-nvram",
    what: "a pseries guest's NVRAM device moved to another spapr-vio address, and a lock-manager lease added",
    edit: on(Domain, (d) => {
      d.devices.nvrams.at(0)!.address.reg = "0x00003000";
      d.devices.add(
        new Lease({ lockspace: "vc-lockspace", key: "vc-nvram-disk", targetPath: "/var/lib/libvirt/sanlock/vc", targetOffset: 1048576 }),
      );
    }),
  },
  {
    name: "domain-devices",
    what: "the kinds beside the classic families: virtio-mem asked for more, CID made automatic, a file backend switched to none (its path goes, the mixing settings stay), the old none backend removed, a shared-memory region removed, a redirection rule and an ALSA backend added",
    edit: on(Domain, (d) => {
      const dev = d.devices;
      dev.memories.find((m) => m.model === "virtio-mem")!.targetRequestedKiB = 1048576;
      const vsock = dev.vsocks.at(0)!;
      vsock.cidAddress = undefined;
      vsock.cidAuto = true;
      dev.remove(dev.audios.find((a) => a.type === "none")!);
      const file = dev.audios.find((a) => a.type === "file")!;
      file.setType("none");
      file.timerPeriod = undefined;
      dev.remove(dev.shmems.find((s) => s.name === "vc-shmem-plain")!);
      dev.redirfilters.at(0)!.usbdevs.add(new RedirfilterUsbdev({ usbClass: "0x03", allow: false }));
      const alsa = dev.add(new Audio({ id: 10, type: "alsa" }));
      alsa.output.dev = "default";
      alsa.input.dev = "default";
    }),
  },
  {
    name: "domain-built-hotplug",
    what: "a q35 guest built from nothing with memory hot-plug (NUMA cell, slots), a DIMM and virtio-mem, vsock, audio, IOMMU, a USB hub and a redirection filter",
    build: () => {
      const d = Domain.create({ type: "qemu", name: "vc-built-hotplug", uuid: "4c8e2b1a-7d3f-4a6b-9e5c-0f1a2b3c4d5e", vcpus: 2 });
      d.maxMemoryKiB = 8 * 1024 * 1024;
      d.maxMemorySlots = 8;
      d.os.type = "hvm";
      d.os.arch = "x86_64";
      d.os.machine = "q35";
      d.features.acpi = true;
      d.features.apic = true;
      d.features.ioapicDriver = "qemu";
      d.cpu.mode = "host-model";
      d.cpu.numaCells.add(new GuestNumaCell({ id: 0, cpus: "0-1", memoryKiB: 2 * 1024 * 1024 }));
      const dev = d.devices;
      dev.emulator = "/usr/bin/qemu-system-x86_64";
      dev.add(new Graphics({ type: "spice", autoport: true })).listenOn("127.0.0.1");
      dev.add(new Sound({ model: "ich9", audioId: 1 }));
      const audio = dev.add(new Audio({ id: 1, type: "file", path: "/var/lib/libvirt/qemu/vc-built-hotplug.wav" }));
      audio.output.mixingEngine = true;
      // libvirt takes <settings> only with fixed settings.
      audio.output.fixedSettings = true;
      audio.output.voices = 1;
      audio.output.frequency = 48000;
      audio.output.channels = 2;
      audio.output.format = "s16";
      dev.add(new Redirdev({ bus: "usb", type: "spicevmc" }));
      dev.add(new Redirfilter()).usbdevs.add(new RedirfilterUsbdev({ usbClass: "0x08", allow: true }));
      dev.add(new Hub({ type: "usb" }));
      dev.add(new Shmem({ name: "vc-built-shmem", modelType: "ivshmem-plain", sizeKiB: 4096 }));
      dev.add(new MemoryDevice({ model: "dimm", targetSizeKiB: 512 * 1024, targetNode: 0 }));
      dev.add(
        new MemoryDevice({
          model: "virtio-mem",
          targetSizeKiB: 2 * 1024 * 1024,
          targetNode: 0,
          targetBlockKiB: MemoryDevice.defaultBlockKiB,
          targetRequestedKiB: 1024 * 1024,
        }),
      );
      dev.add(new Iommu({ model: "intel", driverIntremap: true, driverCachingMode: true }));
      dev.add(new Vsock({ ...Vsock.defaults }));
      // libvirt counts <memory> as the NUMA cells plus every memory device; the guest boots with the cells'.
      d.memoryKiB = [...d.cpu.numaCells, ...dev.memories].reduce(
        (sum, m) => sum + ((m instanceof GuestNumaCell ? m.memoryKiB : m.targetSizeKiB) ?? 0),
        0,
      );
      d.currentMemoryKiB = 2 * 1024 * 1024;
      return d;
    },
  },
  {
    name: "network-default",
    what: "a static lease, a DNS host, a narrower DHCP range",
    edit: on(Network, (n) => {
      const ip = n.ipv4()!;
      ip.dhcpRanges.at(0)!.start = "192.168.122.100";
      ip.dhcpHosts.add(new DhcpHost({ mac: "52:54:00:aa:bb:cc", name: "web", ip: "192.168.122.10" }));
      n.dnsHosts.add(new DnsHost({ ip: "192.168.122.10", hostnames: ["web", "web.local"] }));
    }),
  },
  {
    name: "network-lab",
    what: "routed network turned into NAT with a port range; one DHCP range removed; IPv6 lease renamed",
    edit: on(Network, (n) => {
      n.forwardMode = "nat";
      n.forwardDev = undefined;
      n.natPortStart = 1024;
      n.natPortEnd = 65535;
      const ip = n.ipv4()!;
      ip.dhcpRanges.remove(ip.dhcpRanges.at(1)!);
      n.ipv6()!.dhcpHosts.at(0)!.name = "db6-renamed";
      n.dnsForwarders = ["192.0.2.53", "198.51.100.53"];
    }),
  },
  {
    name: "network-bridge",
    what: "host bridge changed",
    edit: on(Network, (n) => {
      n.bridgeName = "br1";
    }),
  },
  {
    name: "network-isolated",
    what: "IPv6 with a DHCP range added to an isolated network; DNS disabled",
    edit: on(Network, (n) => {
      const v6 = n.ips.add(new NetworkIp({ family: "ipv6", address: "fd00:150::1", prefix: 64 }));
      v6.dhcpRanges.add(new DhcpRange({ start: "fd00:150::10", end: "fd00:150::ff" }));
      n.dnsEnabled = false;
    }),
  },
  {
    name: "network-built-open",
    what: "an open-forward network built from nothing (libvirt adds no firewall rules), with IPv4 DHCP",
    build: () => {
      const n = new Network({ name: "vc-built-open", forwardMode: "open", bridgeName: "virbr-vcopen", bridgeStp: true, bridgeDelay: 0 });
      const v4 = n.ips.add(new NetworkIp({ address: "10.88.0.1", prefix: 24 }));
      v4.dhcpRanges.add(new DhcpRange({ start: "10.88.0.100", end: "10.88.0.199" }));
      return n;
    },
  },
  ...Object.values(wizardPools).map((input) => ({
    name: `pool-built-${input.type}`,
    what: `the Add pool wizard's ${input.type} pool`,
    build: () => buildPool(input),
  })),
  {
    name: "pool-dir",
    what: "target path and permissions",
    edit: on(StoragePool, (p) => {
      p.targetPath = "/srv/images";
      p.targetMode = "0755";
    }),
  },
  {
    name: "pool-fs",
    what: "source device changed",
    edit: on(StoragePool, (p) => {
      p.sourceDevices.at(0)!.path = "/dev/vdb2";
    }),
  },
  {
    name: "pool-netfs",
    what: "NFS server and export changed",
    edit: on(StoragePool, (p) => {
      p.sourceHosts.at(0)!.name = "nfs2.example.org";
      p.sourceDir = "/exports/images";
    }),
  },
  {
    name: "pool-logical",
    what: "a third physical volume",
    edit: on(StoragePool, (p) => {
      p.sourceDevices.add(new PoolSourceDevice({ path: "/dev/vdf" }));
    }),
  },
  {
    name: "pool-disk",
    what: "partition table format changed",
    edit: on(StoragePool, (p) => {
      p.sourceFormat = "dos";
    }),
  },
  {
    name: "pool-iscsi",
    what: "portal port and initiator changed",
    edit: on(StoragePool, (p) => {
      p.sourceHosts.at(0)!.port = 3261;
      p.sourceInitiatorIqn = "iqn.2024-01.org.example:client2";
    }),
  },
  {
    name: "pool-scsi",
    what: "adapter changed, owner dropped",
    edit: on(StoragePool, (p) => {
      p.sourceAdapterName = "host1";
      p.targetOwner = undefined;
    }),
  },
  {
    name: "pool-built",
    what: "a netfs pool built from nothing",
    build: () => {
      const p = new StoragePool({
        type: "netfs",
        name: "vc-built-nfs",
        sourceDir: "/exports",
        sourceFormat: "nfs",
        targetPath: "/mnt/vc-built-nfs",
      });
      p.sourceHosts.add(new PoolSourceHost({ name: "nfs.example.org" }));
      return p;
    },
  },
  {
    name: "volume-base",
    what: "renamed and grown to 10 GiB",
    edit: on(StorageVolume, (v) => {
      v.name = "grown.qcow2";
      v.capacityBytes = 10 * 1024 ** 3;
      v.allocationBytes = undefined;
    }),
  },
  {
    name: "volume-overlay",
    what: "backing file rebased",
    edit: on(StorageVolume, (v) => {
      v.backingPath = "/var/lib/libvirt/images/other-base.qcow2";
      v.backingFormat = "raw";
    }),
  },
  {
    name: "volume-built",
    what: "a qcow2 overlay request built from nothing",
    build: () =>
      new StorageVolume({
        name: "vc-built.qcow2",
        capacityBytes: 8 * 1024 ** 3,
        format: "qcow2",
        backingPath: "/var/lib/libvirt/images/base.qcow2",
        backingFormat: "qcow2",
      }),
  },
  {
    name: "snapshot",
    what: "description added; embedded domain memory changed",
    edit: on(DomainSnapshot, (s) => {
      s.description = "before the upgrade";
      s.domain.memoryKiB = 524288;
    }),
  },
  {
    name: "snapshot-built",
    what: "an external disk-only snapshot request built from nothing",
    build: () => {
      const s = new DomainSnapshot({ name: "vc-external", description: "disk-only", memorySnapshot: "no" });
      s.disks.add(
        new SnapshotDisk({
          name: "vda",
          snapshot: "external",
          type: "file",
          driverType: "qcow2",
          sourceFile: "/var/lib/libvirt/images/vc.snap1.qcow2",
        }),
      );
      s.disks.add(new SnapshotDisk({ name: "sda", snapshot: "no" }));
      return s;
    },
  },
  {
    name: "snapshot-memory",
    what: "an external snapshot with a memory file",
    build: () => new DomainSnapshot({ name: "vc-mem", memorySnapshot: "external", memoryFile: "/var/lib/libvirt/qemu/snapshot/vc.mem" }),
  },
  { name: "capabilities", what: "unchanged (read-only)" },
  { name: "domcaps", what: "unchanged (read-only)" },
  { name: "nodedev-pci", what: "unchanged (read-only)" },
  { name: "nodedev-gpu", what: "unchanged (read-only)" },
  { name: "nodedev-usb", what: "unchanged (read-only)" },
  { name: "nodedev-net", what: "unchanged (read-only)" },
  { name: "nodedev-block", what: "unchanged (read-only)" },
  {
    name: "iface-ethernet",
    what: "MTU and start mode",
    edit: on(HostInterface, (i) => {
      i.mtu = 9000;
      i.startMode = "none";
    }),
  },
  {
    name: "iface-bridge",
    what: "STP on, second port",
    edit: on(HostInterface, (i) => {
      i.bridgeStp = true;
      i.bridgePorts.add(new InterfaceMember({ type: "ethernet", name: "eth5", mac: "52:54:00:bb:00:05" }));
    }),
  },
  {
    name: "iface-vlan",
    what: "VLAN tag changed, DHCP instead of a static address",
    edit: on(HostInterface, (i) => {
      i.vlanTag = 43;
      const p = i.protocols.at(0)!;
      p.ips.clear();
      p.dhcp = true;
    }),
  },
  {
    name: "iface-bond",
    what: "bond mode changed",
    edit: on(HostInterface, (i) => {
      i.bondMode = "balance-rr";
    }),
  },
];
