import "server-only";
import { lookup } from "node:dns/promises";
import os from "node:os";
import { parseCidr, type IpAddress } from "@/lib/networks/addresses";
import { env } from "../env";
import { readSetting } from "../settings/settings";
import { judgeAddress, readIp, refusalWords, type AddressPolicy } from "./address-rules";
import { FetchError } from "./fetch-error";

/** Turns a host name into its addresses (all of them). Tests pass their own to show what is connected to. */
export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export type GuardOptions = {
  /** Default: the admin's allowed networks (Admin → Settings) and this machine's addresses, read now. */
  policy?: AddressPolicy;
  /** Default: the system's resolver (/etc/hosts, DNS). */
  resolve?: Resolver;
};

/** This machine's addresses: every interface's (the console listens on all of them by default), and HOST if it is an address. */
export function ownAddresses(): IpAddress[] {
  const texts = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  return [...texts, env().HOST].map(readIp).filter((ip): ip is IpAddress => ip !== null);
}

export async function currentAddressPolicy(): Promise<AddressPolicy> {
  const { value } = await readSetting("fetchAllowedNetworks");
  return { allowed: value.map((n) => parseCidr(n)!), own: ownAddresses() };
}

/**
 * A host as a connection reads it. Names made only of digits, dots and hex ("2130706433", "0x7f.1") are
 * IPv4 addresses to the system's resolver; the URL standard reads them the same way, but only in
 * http(s) URLs, so other hosts (ftp:, nfs:) are read here as an http URL would read them.
 */
function canonicalHost(host: string): string {
  if (!/^[0-9a-fx.]+$/i.test(host)) return host;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return host;
  }
}

// RFC 6761: "localhost" and names under it are this machine, whatever a resolver says.
const LOCALHOST = /^(?:.+\.)?localhost\.?$/i;

/**
 * Every address `host` stands for, each allowed by the policy; refuses (naming the rule) if any one is
 * not: a name that also points inside is not fetched from. The caller connects to these addresses, never
 * to the name again, so an answer that changes between the check and the connection changes nothing.
 */
export async function resolveChecked(name: string, policy: AddressPolicy, resolve: Resolver = systemResolver): Promise<IpAddress[]> {
  if (!name) throw new FetchError("lookup", { key: "noServer" });
  const host = canonicalHost(name);
  const literal = readIp(host);
  let addresses: IpAddress[];
  if (literal) addresses = [literal];
  else if (LOCALHOST.test(host)) addresses = [readIp("127.0.0.1")!];
  else {
    const answers = await resolve(host).catch((err: NodeJS.ErrnoException) => {
      throw new FetchError("lookup", { key: "nameNotFound", values: { host, code: err.code ?? err.message } });
    });
    addresses = answers.map(readIp).filter((ip): ip is IpAddress => ip !== null);
    if (!addresses.length) throw new FetchError("lookup", { key: "nameNoAddress", values: { host } });
  }
  for (const ip of addresses) {
    const refusal = judgeAddress(ip, policy);
    if (refusal) throw new FetchError("refused", refusalWords(name, ip, refusal));
  }
  return addresses;
}
