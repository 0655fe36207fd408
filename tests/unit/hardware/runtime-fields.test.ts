// A freshly started guest's devices as libvirt reports them (pty paths, the agent's socket, the network's
// bridge, target names, aliases) against the saved definition: what libvirt fills in at start is no
// pending change, while a value the saved definition sets still is.
import { describe, expect, it } from "vitest";
import type { DeviceCodec } from "@/lib/server/guests/hardware/codec";
import { changedFields } from "@/lib/server/guests/hardware/device-match";
import { channelCodec } from "@/lib/server/guests/hardware/families/channel";
import { consoleCodec } from "@/lib/server/guests/hardware/families/console";
import { interfaceCodec } from "@/lib/server/guests/hardware/families/interface";
import { serialCodec } from "@/lib/server/guests/hardware/families/serial";
import type { DeviceValues } from "@/lib/guests/hardware/types";
import { Channel, Console, type Device, Interface, Serial } from "@/lib/xml";

const pending = <M extends Device, V extends DeviceValues>(codec: DeviceCodec<M, V>, live: M, saved: M) =>
  changedFields(codec.values(live), codec.values(saved), codec.runtimeFields);

// Taken from a wizard-made q35 guest right after its first start (libvirt 9.0).
const nic = {
  live: `<interface type='network'><mac address='52:54:00:57:58:a8'/>
    <source network='default' portid='b76456d5-9453-4a21-8cd8-eeb838b2ff12' bridge='virbr0'/><target dev='vnet3'/>
    <model type='virtio'/><alias name='net0'/><address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></interface>`,
  saved: `<interface type='network'><mac address='52:54:00:57:58:a8'/><source network='default'/><model type='virtio'/>
    <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></interface>`,
};
const agent = {
  live: `<channel type='unix'><source mode='bind' path='/var/lib/libvirt/qemu/channel/target/domain-86-g/org.qemu.guest_agent.0'/>
    <target type='virtio' name='org.qemu.guest_agent.0' state='disconnected'/><alias name='channel0'/>
    <address type='virtio-serial' controller='0' bus='0' port='1'/></channel>`,
  saved: `<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>
    <address type='virtio-serial' controller='0' bus='0' port='1'/></channel>`,
};
const serial = {
  live: `<serial type='pty'><source path='/dev/pts/0'/><target type='isa-serial' port='0'><model name='isa-serial'/></target>
    <alias name='serial0'/></serial>`,
  saved: `<serial type='pty'><target type='isa-serial' port='0'><model name='isa-serial'/></target></serial>`,
};
const console = {
  live: `<console type='pty' tty='/dev/pts/0'><source path='/dev/pts/0'/><target type='serial' port='0'/><alias name='serial0'/></console>`,
  saved: `<console type='pty'><target type='serial' port='0'/></console>`,
};

describe("what libvirt fills in at start", () => {
  it("a new guest's NIC, agent channel, serial port and console have no pending change", () => {
    expect(pending(interfaceCodec, Interface.parse(nic.live), Interface.parse(nic.saved))).toEqual([]);
    expect(pending(channelCodec, Channel.parse(agent.live), Channel.parse(agent.saved))).toEqual([]);
    expect(pending(serialCodec, Serial.parse(serial.live), Serial.parse(serial.saved))).toEqual([]);
    expect(pending(consoleCodec, Console.parse(console.live), Console.parse(console.saved))).toEqual([]);
  });

  it("a value the saved definition sets still counts: another socket path, another network, another MAC", () => {
    const ownSocket = Channel.parse(agent.saved);
    ownSocket.sourceMode = "bind";
    ownSocket.sourcePath = "/run/agent.sock";
    expect(pending(channelCodec, Channel.parse(agent.live), ownSocket)).toEqual(["path"]);
    const otherNet = Interface.parse(nic.saved);
    otherNet.sourceNetwork = "isolated";
    expect(pending(interfaceCodec, Interface.parse(nic.live), otherNet)).toEqual(["network"]);
    const otherMac = Interface.parse(nic.saved);
    otherMac.mac = "52:54:00:00:00:01";
    expect(pending(interfaceCodec, Interface.parse(nic.live), otherMac)).toEqual(["mac"]);
    const toBridge = Interface.parse(nic.saved);
    toBridge.type = "bridge";
    toBridge.sourceNetwork = undefined;
    toBridge.sourceBridge = "br0";
    expect(pending(interfaceCodec, Interface.parse(nic.live), toBridge)).toEqual(["source", "network", "bridge"]);
  });
});
