// The rules the wizard and the server share: names, modes, and addresses that fit their subnet.
import { describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import { parseCidr } from "@/lib/networks/addresses";
import { createNetworkSchema, networkEditSchema, overlapIssue, type CreateNetworkForm } from "@/lib/validations/networks";

const nat = (ipv4: CreateNetworkForm["ipv4"], extra: Partial<CreateNetworkForm> = {}): CreateNetworkForm => ({
  name: "lab",
  mode: "nat",
  ipv4: { enabled: true, ...ipv4 },
  ...extra,
});
const issues = (form: unknown) => {
  const r = createNetworkSchema.safeParse(form);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), issueText(i)]));
};

describe("network wizard rules", () => {
  it("accepts virt-manager's defaults", () => {
    expect(issues(nat({ network: "192.168.100.0/24", dhcp: true, dhcpStart: "192.168.100.128", dhcpEnd: "192.168.100.254" }))).toEqual({});
  });

  it("keeps XML metacharacters and other oddities out of names", () => {
    for (const name of ["<evil>", "a'b", 'a"b', "a&b", "-lead", "", "a b", "x".repeat(65), "a/b"]) {
      expect(issues(nat({ network: "192.168.100.0/24" }, { name })).name, JSON.stringify(name)).toBeDefined();
    }
    expect(issues({ name: "lan", mode: "bridge", bridgeName: "br0'/><x" }).bridgeName).toMatch(/host interface name/);
    expect(issues(nat({ network: "192.168.100.0/24" }, { forwardDev: "eth0<" })).forwardDev).toBeDefined();
    expect(issues(nat({ network: "192.168.100.0/24" }, { domain: "lab&example" })).domain).toMatch(/DNS name/);
  });

  it("requires what each mode needs", () => {
    expect(issues({ name: "n", mode: "nat" })).toEqual({ "ipv4.enabled": "NAT needs an IPv4 address space" });
    expect(issues({ name: "n", mode: "route" })).toEqual({ "ipv4.enabled": "Give the network IPv4 or IPv6 addresses to route" });
    expect(issues({ name: "n", mode: "isolated" })).toEqual({});
    expect(issues({ name: "n", mode: "bridge" })).toEqual({ bridgeName: "Choose the host bridge guests join" });
    // Addressing is the LAN's in bridge mode: whatever is left in those fields is ignored.
    expect(issues({ name: "n", mode: "bridge", bridgeName: "br0", ipv4: { enabled: true, network: "nonsense" } })).toEqual({});
  });

  it("checks the network, prefix and range", () => {
    expect(issues(nat({ network: "192.168.100.0" }))["ipv4.network"]).toBe("An IPv4 network like 192.168.100.0/24");
    expect(issues(nat({ network: "fd00::/64" }))["ipv4.network"]).toBe("An IPv4 network like 192.168.100.0/24");
    expect(issues(nat({ network: "10.0.0.0/8" }))["ipv4.network"]).toMatch(/\/15 to \/29/);
    expect(issues(nat({ network: "10.0.0.0/30" }))["ipv4.network"]).toMatch(/\/15 to \/29/);
    expect(issues(nat({ network: "10.0.0.255/24" }))["ipv4.network"]).toMatch(/broadcast/);
    expect(issues(nat({ network: "192.168.100.0/24", dhcp: true, dhcpStart: "192.168.101.10", dhcpEnd: "192.168.100.20" }))).toEqual({
      "ipv4.dhcpStart": "Not inside the network 192.168.100.0/24",
    });
    expect(issues(nat({ network: "192.168.100.0/24", dhcp: true, dhcpStart: "192.168.100.200", dhcpEnd: "192.168.100.100" }))).toEqual({
      "ipv4.dhcpEnd": "The range must end at or after its start",
    });
    expect(issues(nat({ network: "192.168.100.0/24", dhcp: true, dhcpStart: "192.168.100.1", dhcpEnd: "192.168.100.255" }))).toEqual({
      "ipv4.dhcpStart": "192.168.100.1 is the host's own address",
      "ipv4.dhcpEnd": "That address belongs to the network itself",
    });
    expect(issues({ name: "n", mode: "isolated", ipv6: { enabled: true, network: "fd00::/48" } })["ipv6.network"]).toBe(
      "For libvirt, the IPv6 network prefix must be /64",
    );
    expect(
      issues({
        name: "n",
        mode: "isolated",
        ipv6: { enabled: true, network: "fd00::/64", dhcp: true, dhcpStart: "fd00::100", dhcpEnd: "fd01::1" },
      }),
    ).toEqual({ "ipv6.dhcpEnd": "Not inside the network fd00::/64" });
  });

  it("checks static hosts: address inside, valid unicast MAC, nothing used twice", () => {
    const hosts = [
      { mac: "52:54:00:00:00:01", name: "a", ip: "192.168.100.10" },
      { mac: "52:54:00:00:00:01", name: "b", ip: "192.168.100.10" },
      { mac: "01:00:5e:00:00:01", name: "c", ip: "192.168.200.1" },
    ];
    expect(issues(nat({ network: "192.168.100.0/24", hosts }))).toEqual({
      "ipv4.hosts.1.ip": "Used by static host 1 already",
      "ipv4.hosts.1.mac": "Used by static host 1 already",
      "ipv4.hosts.2.ip": "Not inside the network 192.168.100.0/24",
      "ipv4.hosts.2.mac": "A multicast MAC address cannot be a guest's (the first byte must be even)",
    });
    expect(issues(nat({ network: "192.168.100.0/24", hosts: [{ mac: "52:54:00:00:00:02", name: "", ip: "192.168.200.1" }] }))).toEqual({
      "ipv4.hosts.0.ip": "Not inside the network 192.168.100.0/24",
    });
  });

  it("names the other network a subnet overlaps", () => {
    const input = createNetworkSchema.parse(nat({ network: "192.168.122.0/25" }));
    const overlap = overlapIssue(input, [{ name: "default", subnets: [parseCidr("192.168.122.1/24")!] }]);
    expect(overlap?.path).toBe("ipv4.network");
    expect(issueText(overlap)).toBe("192.168.122.0/25 overlaps 192.168.122.0/24 of the network “default” on this host");
    expect(overlapIssue(input, [{ name: "lab", subnets: [parseCidr("192.168.123.1/24")!] }])).toBeNull();
  });

  it("validates live edits", () => {
    expect(networkEditSchema.safeParse({ kind: "dhcp-host", op: "add", family: "ipv4", ip: "10.0.0.5" }).success).toBe(false);
    expect(networkEditSchema.safeParse({ kind: "dhcp-host", op: "add", family: "ipv6", mac: "", name: "", ip: "fd00::5" }).success).toBe(
      false,
    );
    expect(
      networkEditSchema.parse({ kind: "dhcp-host", op: "add", family: "ipv4", mac: "52:54:00:AB:CD:EF", ip: "10.0.0.5" }),
    ).toMatchObject({ mac: "52:54:00:ab:cd:ef", name: "" });
    expect(networkEditSchema.safeParse({ kind: "dns-host", op: "add", ip: "10.0.0.5", hostnames: ["a'b"] }).success).toBe(false);
    expect(networkEditSchema.safeParse({ kind: "autostart", autostart: "yes" }).success).toBe(false);
  });
});
