import { describe, expect, it } from "vitest";
import { networkList, normalizeAddress, resolveClientAddress } from "@/lib/server/http/client-address";
import { networkListSchema, splitNetworkList } from "@/lib/validations/settings";

const parseNetworkList = (text: string) => networkList(networkListSchema.parse(splitNetworkList(text)));

describe("trusted proxy list", () => {
  it("reads addresses and CIDRs of both families", () => {
    const list = parseNetworkList("10.0.0.0/8, 192.168.1.7 fd00::/8");
    expect(list.matches("10.200.3.4")).toBe(true);
    expect(list.matches("::ffff:10.1.1.1")).toBe(true);
    expect(list.matches("192.168.1.7")).toBe(true);
    expect(list.matches("192.168.1.8")).toBe(false);
    expect(list.matches("fd12::1")).toBe(true);
    expect(list.matches("not-an-address")).toBe(false);
    expect(parseNetworkList("").matches("127.0.0.1")).toBe(false);
  });

  it("refuses what is not an address or network, naming it", () => {
    expect(() => parseNetworkList("10.0.0.0/33")).toThrow(/10.0.0.0\/33/);
    expect(() => parseNetworkList("proxy.example")).toThrow(/proxy.example/);
    expect(() => parseNetworkList("10.0.0.0/x")).toThrow();
  });
});

describe("client address", () => {
  const trusted = parseNetworkList("10.0.0.0/8");

  it("is the socket peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("198.51.100.7", "203.0.113.9", trusted)).toBe("198.51.100.7");
    expect(resolveClientAddress("::ffff:198.51.100.7", undefined, trusted)).toBe("198.51.100.7");
  });

  it("walks X-Forwarded-For from the right through trusted proxies only", () => {
    // A client forged the left entry; the trusted proxy appended the address it really saw.
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 203.0.113.9", trusted)).toBe("203.0.113.9");
    // Two trusted hops, then the client.
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9, 10.0.0.3", trusted)).toBe("203.0.113.9");
    // Garbage from beyond the last trusted hop stops the walk at what is known.
    expect(resolveClientAddress("10.0.0.2", "<script>, 10.0.0.3", trusted)).toBe("10.0.0.3");
  });

  it("treats IPv4-mapped IPv6 as the same client", () => {
    expect(normalizeAddress("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("2001:DB8::1")).toBe("2001:db8::1");
  });
});
