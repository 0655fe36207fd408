// The virNetworkUpdate calls behind the network page's live edits, from a real libvirt network XML.
import { describe, expect, it } from "vitest";
import { VirNetworkUpdateCommand as Command, VirNetworkUpdateSection as Section } from "@/lib/libvirt/generated/flags";
import { liveChange } from "@/lib/server/networks/live-change";
import { Network } from "@/lib/xml";
import { readFixture } from "../xml/support/fixtures";

const lab = () => Network.parse(readFixture("network-lab-in.xml"));

describe("live network changes", () => {
  it("adds a static IPv4 host to the first <ip>, escaped by the model", () => {
    expect(
      liveChange(lab(), { kind: "dhcp-host", op: "add", family: "ipv4", mac: "52:54:00:00:00:20", name: "web", ip: "10.10.0.20" }),
    ).toEqual({
      command: Command.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
      section: Section.VIR_NETWORK_SECTION_IP_DHCP_HOST,
      parentIndex: 0,
      xml: "<host mac='52:54:00:00:00:20' name='web' ip='10.10.0.20'/>\n",
    });
  });

  it("finds the IPv6 <ip> by position among all of them and writes no MAC there", () => {
    expect(
      liveChange(lab(), { kind: "dhcp-host", op: "delete", family: "ipv6", mac: "52:54:00:00:00:20", name: "db6", ip: "FD00:10::10" }),
    ).toMatchObject({
      command: Command.VIR_NETWORK_UPDATE_COMMAND_DELETE,
      parentIndex: 1,
      xml: "<host name='db6' ip='fd00:10::10'/>\n",
    });
  });

  it("checks additions against the subnet, not deletions", () => {
    const add = (ip: string) => () =>
      liveChange(lab(), { kind: "dhcp-host", op: "add", family: "ipv4", mac: "52:54:00:00:00:20", name: "", ip });
    expect(add("10.11.0.5")).toThrow("Not inside the network 10.10.0.0/24");
    expect(add("10.10.0.1")).toThrow("10.10.0.1 is the host's own address");
    expect(() => liveChange(lab(), { kind: "dhcp-range", op: "add", family: "ipv4", start: "10.10.0.90", end: "10.10.0.80" })).toThrow(
      "The range must end at or after its start",
    );
    expect(liveChange(lab(), { kind: "dhcp-range", op: "delete", family: "ipv4", start: "10.10.0.210", end: "10.10.0.220" })).toMatchObject(
      {
        section: Section.VIR_NETWORK_SECTION_IP_DHCP_RANGE,
        xml: "<range start='10.10.0.210' end='10.10.0.220'/>\n",
      },
    );
  });

  it("writes DNS hosts for the whole network and refuses networks without DHCP and DNS of their own", () => {
    expect(liveChange(lab(), { kind: "dns-host", op: "add", ip: "10.10.0.30", hostnames: ["cache", "cache.lab.example"] })).toEqual({
      command: Command.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
      section: Section.VIR_NETWORK_SECTION_DNS_HOST,
      parentIndex: -1,
      xml: "<host ip='10.10.0.30'>\n  <hostname>cache</hostname>\n  <hostname>cache.lab.example</hostname>\n</host>\n",
    });
    const bridge = Network.parse(readFixture("network-bridge-in.xml"));
    expect(() => liveChange(bridge, { kind: "dns-host", op: "add", ip: "10.0.0.1", hostnames: ["x"] })).toThrow(
      /no DHCP or DNS of its own/,
    );
    const isolated = Network.parse(readFixture("network-isolated-in.xml"));
    expect(() => liveChange(isolated, { kind: "dhcp-range", op: "add", family: "ipv6", start: "fd00::1", end: "fd00::2" })).toThrow(
      "This network has no IPv6 addresses",
    );
  });
});
