import { describe, expect, it } from "vitest";
import {
  contains,
  findOverlap,
  formatIp,
  formatSubnet,
  hostAddress,
  isReserved,
  netmaskToPrefix,
  overlaps,
  parseCidr,
  parseIp,
  subnetBounds,
} from "@/lib/networks/addresses";

const ip = (t: string) => parseIp(t)!;
const net = (t: string) => parseCidr(t)!;

describe("IP addresses", () => {
  it("parses IPv4 strictly", () => {
    expect(ip("192.168.100.1")).toEqual({ family: "ipv4", value: 0xc0a86401n });
    for (const bad of ["192.168.100", "192.168.100.256", "192.168.01.1", "1.2.3.4.5", "a.b.c.d", "", "1.2.3.-4"])
      expect(parseIp(bad), bad).toBeNull();
  });

  it("parses IPv6 with :: and an IPv4 tail, and prints RFC 5952 text", () => {
    expect(formatIp("ipv6", ip("FD00:0100:0000:0000:0000:0000:0000:0001").value)).toBe("fd00:100::1");
    expect(formatIp("ipv6", ip("::").value)).toBe("::");
    expect(formatIp("ipv6", ip("::1").value)).toBe("::1");
    expect(formatIp("ipv6", ip("fd00::").value)).toBe("fd00::");
    expect(formatIp("ipv6", ip("1:0:0:2:0:0:0:3").value)).toBe("1:0:0:2::3");
    expect(formatIp("ipv6", ip("1:0:2:3:4:5:6:7").value)).toBe("1:0:2:3:4:5:6:7");
    expect(ip("::ffff:192.0.2.1").value).toBe(0xffffc0000201n);
    expect(ip("::192.0.2.1").value).toBe(0xc0000201n);
    expect(ip("1::192.0.2.1").value).toBe((1n << 112n) | 0xc0000201n);
    for (const bad of [":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "::1.2.3", "1:2:3:4:5:6:7::8:9"])
      expect(parseIp(bad), bad).toBeNull();
  });

  it("reads subnets and tells containment and overlap", () => {
    const a = net("192.168.100.0/24");
    expect(subnetBounds(a)).toEqual({ first: ip("192.168.100.0").value, last: ip("192.168.100.255").value });
    expect(contains(a, ip("192.168.100.254"))).toBe(true);
    expect(contains(a, ip("192.168.101.1"))).toBe(false);
    expect(contains(a, ip("fd00::1"))).toBe(false);
    expect(overlaps(a, net("192.168.100.128/25"))).toBe(true);
    expect(overlaps(a, net("192.168.0.0/16"))).toBe(true);
    expect(overlaps(a, net("192.168.101.0/24"))).toBe(false);
    expect(overlaps(net("fd00:1::/64"), net("fd00:1::8000:0:0/65"))).toBe(true);
    expect(formatSubnet(net("10.20.30.254/24"))).toBe("10.20.30.0/24");
    expect(parseCidr("10.0.0.0/33")).toBeNull();
    expect(parseCidr("10.0.0.0")).toBeNull();
  });

  it("gives the host the first address of a network, or the one typed", () => {
    expect(formatIp("ipv4", hostAddress(net("192.168.100.0/24")))).toBe("192.168.100.1");
    expect(formatIp("ipv4", hostAddress(net("192.168.100.254/24")))).toBe("192.168.100.254");
    expect(isReserved(net("192.168.100.0/24"), ip("192.168.100.255").value)).toBe(true);
    expect(isReserved(net("fd00::/64"), ip("fd00::ffff:ffff:ffff:ffff").value)).toBe(false);
  });

  it("converts netmasks and names the network an overlap is with", () => {
    expect(netmaskToPrefix("255.255.255.0")).toBe(24);
    expect(netmaskToPrefix("255.255.255.255")).toBe(32);
    expect(netmaskToPrefix("255.0.255.0")).toBeNull();
    const others = [
      { name: "default", subnets: [net("192.168.122.1/24")] },
      { name: "lab", subnets: [net("10.0.0.1/8")] },
    ];
    expect(findOverlap(net("10.1.2.0/24"), others)).toEqual({ name: "lab", subnet: net("10.0.0.1/8") });
    expect(findOverlap(net("192.168.123.0/24"), others)).toBeNull();
  });
});
