// The wizard's choices → network XML: golden files (UPDATE_GOLDEN=1 rewrites them), each also accepted by
// libvirt's own schema (virt-xml-validate).
import { describe, expect, it } from "vitest";
import { buildNetwork } from "@/lib/xml/builder/network-builder";
import { createNetworkSchema, type CreateNetworkForm } from "@/lib/validations/networks";
import { Network } from "@/lib/xml";
import { expectGolden } from "../xml/support/fixtures";
import { validateXml } from "../xml/support/validate";

const off = { enabled: false };

const cases: { name: string; what: string; form: CreateNetworkForm }[] = [
  {
    name: "network-wizard-nat",
    what: "NAT to any device, IPv4 and IPv6 with DHCP ranges and static hosts, DNS domain",
    form: {
      name: "lab-nat",
      mode: "nat",
      ipv4: {
        enabled: true,
        network: "192.168.100.0/24",
        dhcp: true,
        dhcpStart: "192.168.100.128",
        dhcpEnd: "192.168.100.254",
        hosts: [{ mac: "52:54:00:AA:00:01", name: "web", ip: "192.168.100.10" }],
      },
      ipv6: {
        enabled: true,
        network: "fd00:100::/64",
        dhcp: true,
        dhcpStart: "fd00:100::100",
        dhcpEnd: "fd00:100::1ff",
        hosts: [{ name: "web", ip: "fd00:100::10" }],
      },
      domain: "lab.example",
    },
  },
  {
    name: "network-wizard-routed",
    what: "routed through eth0, the host's address typed, DHCP without static hosts",
    form: {
      name: "lab-routed",
      mode: "route",
      forwardDev: "eth0",
      ipv4: { enabled: true, network: "10.20.30.254/24", dhcp: true, dhcpStart: "10.20.30.100", dhcpEnd: "10.20.30.199" },
      ipv6: off,
    },
  },
  {
    name: "network-wizard-open",
    what: "open forward (no firewall rules), IPv6 only without DHCP",
    form: { name: "lab-open", mode: "open", forwardDev: "eth0", ipv4: off, ipv6: { enabled: true, network: "fd00:200::/64" } },
  },
  {
    name: "network-wizard-isolated",
    what: "isolated, IPv4 with a static lease but no dynamic range",
    form: {
      name: "lab-isolated",
      mode: "isolated",
      ipv4: { enabled: true, network: "172.16.5.0/28", hosts: [{ mac: "52:54:00:00:00:05", name: "", ip: "172.16.5.5" }] },
    },
  },
  {
    name: "network-wizard-bridge",
    what: "an existing host bridge: no addresses, DHCP or domain of libvirt's own",
    form: { name: "lan", mode: "bridge", bridgeName: "br0", ipv4: { enabled: true, network: "192.168.1.0/24" }, domain: "ignored.example" },
  },
];

describe("network builder golden files", () => {
  for (const c of cases) {
    it(`${c.name}: ${c.what}`, () => {
      const input = createNetworkSchema.parse(c.form);
      const xml = buildNetwork(input).toXml();
      expectGolden(c.name, xml);
      const result = validateXml(xml);
      expect(result.valid, `virt-xml-validate rejected ${c.name}:\n${result.output}`).toBe(true);
      // What the list shows is read back from that XML by the same model.
      expect(Network.parse(xml).name).toBe(input.name);
    });
  }
});
