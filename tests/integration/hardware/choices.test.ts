// The host-dependent options of the hardware forms, read from the real libvirtd.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirConnectListAllNodeDeviceFlags } from "@/lib/libvirt/generated/flags";
import { hardwareChoices } from "@/lib/server/guests/hardware/choices";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { NodeDevice } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";

let tc: TestConsole;
let lv: Libvirt;
let hostId: string;
let holder: DomainRef;
let pci: NodeDevice;

beforeAll(async () => {
  tc = await startTestConsole();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  // A defined (never started) guest that passes a real PCI device through marks it as taken.
  const devices = await lv.nodeDevices.list(VirConnectListAllNodeDeviceFlags.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV);
  pci = NodeDevice.parse(await lv.nodeDevices.xml(devices.at(-1)!.name));
  const hostdev = `<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x${pci.pciDomain!.toString(16).padStart(4, "0")}' bus='0x${pci.bus!.toString(16)}' slot='0x${pci.pciSlot!.toString(16)}' function='0x${pci.pciFunction!.toString(16)}'/></source></hostdev>`;
  holder = await lv.domains.define(
    testGuestXml(uniqueGuestName("vc-hwchoice"), ensureTestGuestImage(), 64, "qemu").replace("</devices>", `${hostdev}</devices>`),
  );
});

afterAll(async () => {
  await lv.domains.undefine(holder).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("hardware choices", () => {
  it("lists the default network, the default pool with its volumes, and the host's PCI devices with the one in use marked", async () => {
    const choices = await hardwareChoices(hostId);
    expect(choices.networks.map((n) => n.value)).toContain("default");
    expect(choices.pools.map((p) => p.value)).toContain("default");
    expect(choices.pools.find((p) => p.value === "default")!.label).toMatch(/GiB free/);
    const defaultVolumes = await lv.storage.listVolumes(await lv.storage.lookupPool("default"));
    expect(choices.volumes.filter((v) => v.label.startsWith("default/"))).toHaveLength(defaultVolumes.length);
    expect(choices.pciDevices.length).toBeGreaterThan(0);
    const taken = choices.pciDevices.find((d) => d.label.startsWith(pci.pciAddress!))!;
    expect(taken.disabledReason).toBe(`in use by ${holder.name}`);
    expect(choices.pciDevices.filter((d) => d.disabledReason)).toHaveLength(1);
  });
});
