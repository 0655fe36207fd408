// The fetch guard's address rules: every refused range, the IPv4-mapped forms, the odd ways a URL can
// spell an address, names that resolve to several addresses, and networks an admin allows. No sockets:
// the resolver is the transport boundary here (the integration test connects for real).
import { describe, expect, it } from "vitest";
import { parseCidr, parseIp } from "@/lib/networks/addresses";
import { errorResponse } from "@/lib/server/http/error-response";
import { judgeAddress, type AddressPolicy } from "@/lib/server/net/address-rules";
import { FetchError, fetchRefusal } from "@/lib/server/net/fetch-error";
import { resolveChecked, type Resolver } from "@/lib/server/net/resolve-checked";
import { networkListSchema, splitNetworkList } from "@/lib/validations/settings";
import { issueText } from "../../helpers/issue-text";

const policy = (allowed: string[] = [], own: string[] = []): AddressPolicy => ({
  allowed: allowed.map((n) => parseCidr(n)!),
  own: own.map((a) => parseIp(a)!),
});
const ruleOf = (address: string, p = policy()) => judgeAddress(parseIp(address)!, p)?.rule ?? "allowed";
/** A resolver that must not be asked: the host is an address (or localhost) and needs no lookup. */
const noLookup: Resolver = async (name) => {
  throw new Error(`looked up ${name}`);
};
const hostOf = (url: string) => new URL(url).hostname;

describe("address rules", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["fd00:ec2::254", "metadata"],
    ["fec0::1", "site-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
  ])("refuses %s as %s", (address, rule) => {
    expect(ruleOf(address)).toBe(rule);
  });

  it.each([
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["64:ff9b::7f00:1", "loopback"],
  ])("judges the IPv4 address inside %s (%s)", (address, rule) => {
    expect(ruleOf(address)).toBe(rule);
  });

  it.each([
    "8.8.8.8",
    "100.63.255.255",
    "100.128.0.1",
    "172.15.255.255",
    "172.32.0.1",
    "192.169.0.1",
    "169.253.255.255",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
  ])("lets %s through", (address) => {
    expect(ruleOf(address)).toBe("allowed");
  });

  it("refuses the console's own addresses unless their network is allowed", () => {
    expect(ruleOf("203.0.113.7", policy([], ["203.0.113.7"]))).toBe("own");
    expect(ruleOf("::ffff:203.0.113.7", policy([], ["203.0.113.7"]))).toBe("own");
    expect(ruleOf("203.0.113.7", policy(["203.0.113.0/24"], ["203.0.113.7"]))).toBe("allowed");
  });

  it("an allowed network lifts exactly its own addresses, in both IPv4 spellings", () => {
    const p = policy(["127.0.0.1/32", "10.20.0.0/16", "fd00:1::/64"]);
    expect(ruleOf("127.0.0.1", p)).toBe("allowed");
    expect(ruleOf("::ffff:127.0.0.1", p)).toBe("allowed");
    expect(ruleOf("127.0.0.2", p)).toBe("loopback");
    expect(ruleOf("10.20.255.1", p)).toBe("allowed");
    expect(ruleOf("10.21.0.1", p)).toBe("private");
    expect(ruleOf("fd00:1::5", p)).toBe("allowed");
    expect(ruleOf("fd00:2::5", p)).toBe("unique-local");
  });

  it("never lifts the rules for addresses that name no server: unspecified, multicast, broadcast, reserved", () => {
    const everything = policy(["0.0.0.0/0", "::/0"]);
    expect(ruleOf("8.8.8.8", everything)).toBe("allowed");
    expect(ruleOf("127.0.0.1", everything)).toBe("allowed");
    for (const [address, rule] of [
      ["0.0.0.0", "unspecified"],
      ["::", "unspecified"],
      ["224.0.0.1", "multicast"],
      ["ff02::1", "multicast"],
      ["255.255.255.255", "broadcast"],
      ["240.0.0.1", "reserved"],
    ])
      expect(ruleOf(address, everything)).toBe(rule);
  });
});

describe("resolving a URL's host", () => {
  const loopbackMessage = (shown: string) =>
    `${shown} a loopback address (the console's own machine), so the console does not connect to it. An administrator can allow this network under Admin → Settings.`;

  it.each([
    ["http://2130706433/", "127.0.0.1 is"],
    ["http://0x7f.1/", "127.0.0.1 is"],
    ["http://017700000001/", "127.0.0.1 is"],
    ["http://127.1/", "127.0.0.1 is"],
    ["http://[::1]/", "::1 is"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 (IPv4 127.0.0.1) is"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "::ffff:7f00:1 (IPv4 127.0.0.1) is"],
    ["http://localhost./", "localhost. resolves to 127.0.0.1,"],
    ["http://LOCALHOST/", "localhost resolves to 127.0.0.1,"],
    ["http://mirror.localhost/", "mirror.localhost resolves to 127.0.0.1,"],
    ["ftp://0x7f.0.0.1/pub", "127.0.0.1 is"],
    // nfs: URLs keep numeric hosts as written; the guard reads them as the system's resolver would.
    ["nfs://2130706433/export", "2130706433 resolves to 127.0.0.1,"],
    ["nfs://0x7f.1/export", "0x7f.1 resolves to 127.0.0.1,"],
  ])("refuses %s without a lookup, naming the rule", async (url, shown) => {
    await expect(resolveChecked(hostOf(url), policy(), noLookup)).rejects.toThrow(loopbackMessage(shown));
  });

  it("names the metadata service and the way to allow it", async () => {
    await expect(resolveChecked(hostOf("http://169.254.169.254/latest/meta-data/"), policy(), noLookup)).rejects.toThrow(
      "169.254.169.254 is the cloud metadata service's link-local address, so the console does not connect to it. An administrator can allow this network under Admin → Settings.",
    );
  });

  it("says plainly when a rule cannot be lifted", async () => {
    await expect(resolveChecked("224.0.0.1", policy(["0.0.0.0/0"]), noLookup)).rejects.toThrow(
      "224.0.0.1 is a multicast address, which the console never connects to.",
    );
  });

  it("refuses a name when any one of its addresses is refused", async () => {
    const mixed: Resolver = async () => ["93.184.215.14", "10.0.0.5"];
    await expect(resolveChecked("mirror.example.org", policy(), mixed)).rejects.toThrow(
      "mirror.example.org resolves to 10.0.0.5, a private network address (RFC 1918), so the console does not connect to it.",
    );
  });

  it("returns every address of a name that passes, to connect to by address", async () => {
    const asked: string[] = [];
    const resolver: Resolver = async (name) => {
      asked.push(name);
      return ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"];
    };
    const addresses = await resolveChecked("mirror.example.org", policy(), resolver);
    expect(addresses.map((a) => a.family)).toEqual(["ipv4", "ipv6"]);
    expect(asked).toEqual(["mirror.example.org"]);
  });

  it("lets a name through to an allowed private network", async () => {
    const resolver: Resolver = async () => ["10.20.0.8"];
    await expect(resolveChecked("mirror.lan", policy(["10.20.0.0/16"]), resolver)).resolves.toHaveLength(1);
  });

  it("says when a name is not found", async () => {
    const missing: Resolver = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" });
    };
    await expect(resolveChecked("nowhere.invalid", policy(), missing)).rejects.toThrow(
      "The server name nowhere.invalid could not be found (ENOTFOUND)",
    );
  });
});

describe("a refusal in the reader's language", () => {
  const refusalOf = async (host: string, p = policy()) => {
    const err = await resolveChecked(host, p, noLookup).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(err instanceof FetchError)) throw new Error(`not refused: ${String(err)}`);
    return err;
  };
  const answer = async (err: FetchError, url: string, locale: "en" | "ja" | "ko" | "ru") =>
    ((await (await errorResponse(fetchRefusal(err, url), locale)).json()) as { error: string }).error;

  it("is stored by key, the rule by its id, and said whole in each language", async () => {
    const err = await refusalOf("127.0.0.2");
    expect(err.words).toEqual({
      key: "addressRefused",
      values: { address: "127.0.0.2", rule: { key: "addressRule", values: { rule: "loopback" } } },
    });
    const url = "http://127.0.0.2/tree/.treeinfo";
    expect(await answer(err, url, "en")).toBe(
      `Could not fetch ${url}: 127.0.0.2 is a loopback address (the console's own machine), so the console does not connect to it. An administrator can allow this network under Admin → Settings.`,
    );
    expect(await answer(err, url, "ja")).toBe(
      `${url} を取得できませんでした: 127.0.0.2 はループバックアドレス (コンソール自身のマシン)のため、コンソールは接続しません。管理者は 管理 → 設定 でこのネットワークを許可できます。`,
    );
    expect(await answer(err, url, "ru")).toContain("адрес обратной петли");
  });

  it("says a hyphenated rule, a name and a rule no admin lifts in the reader's words too", async () => {
    const link = await refusalOf("mirror.localhost", policy([], []));
    expect(link.words).toMatchObject({ key: "nameRefused", values: { host: "mirror.localhost" } });
    expect(await answer(await refusalOf("fe80::1"), "http://[fe80::1]/", "ko")).toContain("링크 로컬 주소");
    const never = await refusalOf("224.0.0.1", policy(["0.0.0.0/0"]));
    expect(never.words).toMatchObject({ key: "addressNever" });
    expect(await answer(never, "http://224.0.0.1/", "ja")).toContain("マルチキャストアドレス");
  });
});

describe("the allowed-networks setting", () => {
  it("stores networks in canonical form: bits past the prefix cleared, single addresses as /32 and /128, duplicates dropped", () => {
    expect(networkListSchema.parse(["10.1.2.3/8", "127.0.0.1", "FD00:0:0::/8", "::1", "10.0.0.0/8"])).toEqual([
      "10.0.0.0/8",
      "127.0.0.1/32",
      "fd00::/8",
      "::1/128",
    ]);
  });

  it.each(["10.0.0/8", "10.0.0.0/33", "fd00::/129", "mirror.lan", "10.0.0.0/8/1", "010.0.0.0/8"])("refuses %s with an example", (text) => {
    const result = networkListSchema.safeParse([text]);
    expect(result.success).toBe(false);
    expect(issueText(result.error?.issues[0])).toMatch(
      /is not a network: write an address with a prefix length, such as 192\.168\.10\.0\/24/,
    );
  });

  it("reads a list typed one per line or separated by commas", () => {
    expect(splitNetworkList(" 10.0.0.0/8,\n fd00::/8  127.0.0.1/32\n")).toEqual(["10.0.0.0/8", "fd00::/8", "127.0.0.1/32"]);
  });
});
