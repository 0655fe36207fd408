import "server-only";
import type { VerbContext } from "../../verb-context";
import type { Choice, HardwareChoices } from "@/lib/guests/hardware/types";
import type { Libvirt } from "@/lib/libvirt";
import { VirConnectListAllNodeDeviceFlags, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { isCdImage } from "@/lib/storage/cd-image";
import { Domain, NodeDevice, StorageVolume } from "@/lib/xml";
import { readHostInterfaces } from "../../networks/list-interfaces";
import { resolveHost } from "../../networks/network-target";

const GiB = 1024 ** 3;
const size = (bytes: number | bigint) => `${(Number(bytes) / GiB).toFixed(Number(bytes) < 10 * GiB ? 1 : 0)} GiB`;

async function storageChoices(lv: Libvirt): Promise<Pick<HardwareChoices, "pools" | "volumes" | "isoVolumes">> {
  const pools = (await lv.storage.listPools()).filter((p) => p.active);
  const perPool = await Promise.all(
    pools.map(async (pool) => {
      const [info, refs] = await Promise.all([lv.storage.poolInfo(pool.ref), lv.storage.listVolumes(pool.ref)]);
      // A volume whose file went away since the pool's last refresh is left out rather than failing the form.
      const xmls = await Promise.all(refs.map((ref) => lv.storage.volumeXml(ref).catch(() => null)));
      const volumes = xmls.filter((x) => x !== null).map((x) => StorageVolume.parse(x));
      return { pool, info, volumes };
    }),
  );
  const all = perPool.flatMap(({ pool, volumes }) =>
    volumes
      .filter((v) => v.targetPath)
      .map((v) => ({
        cd: isCdImage({ name: v.name ?? "", format: v.format }),
        value: v.targetPath!,
        label: `${pool.name}/${v.name} (${size(v.capacityBytes ?? 0)}${v.format ? `, ${v.format}` : ""})`,
      })),
  );
  const choice = ({ value, label }: Choice): Choice => ({ value, label });
  return {
    pools: perPool.map(({ pool, info }) => ({ value: pool.name, label: `${pool.name} (${size(info.available)} free)` })),
    volumes: all.map(choice),
    isoVolumes: all.filter((v) => v.cd).map(choice),
  };
}

/**
 * Which guest's definition passes each host device through, by the value the hostdev form uses. Only definitions
 * that have a <hostdev> at all are parsed.
 */
async function hostdevOwners(lv: Libvirt): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const refs = await lv.domains.listRefs();
  const xmls = await Promise.all(refs.map((ref) => lv.domains.xml(ref, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)));
  const doms = xmls.filter((xml) => xml.includes("<hostdev")).map((xml) => Domain.parse(xml));
  for (const dom of doms) {
    for (const h of dom.devices.hostdevs) {
      const key =
        h.type === "pci"
          ? pciValue(h.sourceAddressDomain, h.sourceAddressBus, h.sourceAddressSlot, h.sourceAddressFunction)
          : h.type === "usb" && h.usbVendor && h.usbProduct
            ? `usb:${hex(h.usbVendor, 4)}:${hex(h.usbProduct, 4)}`
            : null;
      if (key && dom.name) owners.set(key, dom.name);
    }
  }
  return owners;
}

const hex = (v: string | number | undefined, width: number) =>
  (typeof v === "number" ? v : parseInt(String(v ?? "0"), 16)).toString(16).padStart(width, "0");
const pciValue = (domain?: string | number, bus?: string | number, slot?: string | number, fn?: string | number) =>
  `pci:${hex(domain, 4)}:${hex(bus, 2)}:${hex(slot, 2)}.${hex(fn, 1)}`;

async function deviceChoices(lv: Libvirt): Promise<Pick<HardwareChoices, "usbDevices" | "pciDevices">> {
  const { VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV, VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV } = VirConnectListAllNodeDeviceFlags;
  const read = async (flags: VirConnectListAllNodeDeviceFlags) =>
    Promise.all((await lv.nodeDevices.list(flags)).map(async (d) => NodeDevice.parse(await lv.nodeDevices.xml(d.name))));
  const [pci, usb] = await Promise.all([read(VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV), read(VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV)]);
  // Marking devices in use reads every guest's definition: not on a host with no device to offer.
  const owners = pci.length || usb.length ? await hostdevOwners(lv) : new Map<string, string>();
  const choice = (value: string, label: string): Choice =>
    owners.has(value) ? { value, label, disabledReason: `in use by ${owners.get(value)}` } : { value, label };
  return {
    pciDevices: pci.map((d) =>
      choice(
        pciValue(d.pciDomain, d.bus, d.pciSlot, d.pciFunction),
        `${d.pciAddress} ${d.productName ?? d.productId ?? ""} (${d.vendorName ?? d.vendorId ?? "?"})`.trim(),
      ),
    ),
    // USB hubs (the host controllers' root hubs) are not devices to hand to a guest.
    usbDevices: usb
      .filter((d) => d.productId && d.vendorId && !/hub/i.test(d.productName ?? ""))
      .map((d) =>
        choice(
          `usb:${hex(d.vendorId, 4)}:${hex(d.productId, 4)}`,
          `${d.vendorId}:${d.productId} ${d.productName ?? ""} (${d.vendorName ?? "?"}), bus ${d.bus} device ${d.usbDevice}`,
        ),
      ),
  };
}

/**
 * What the hardware forms' host-dependent selects offer: networks, bridges and NICs, pools and
 * volumes, and the host's PCI and USB devices with those another guest already uses marked.
 */
export async function hardwareChoices(_ctx: VerbContext, { hostId }: { hostId: string }): Promise<HardwareChoices> {
  const target = await resolveHost(hostId);
  const { lv } = target;
  const [networks, interfaces, storage, devices] = await Promise.all([
    lv.networks.list(),
    readHostInterfaces(target),
    storageChoices(lv),
    deviceChoices(lv),
  ]);
  return {
    networks: networks.map((n) => ({ value: n.name, label: n.active ? n.name : `${n.name} (inactive)` })),
    bridges: interfaces.interfaces.filter((i) => i.kind === "bridge" && !i.network).map((i) => ({ value: i.name, label: i.name })),
    hostInterfaces: interfaces.interfaces
      .filter((i) => i.kind === "physical" || i.kind === "bond" || i.kind === "vlan")
      .map((i) => ({ value: i.name, label: `${i.name} (${i.kind}, ${i.state})` })),
    ...storage,
    ...devices,
  };
}
