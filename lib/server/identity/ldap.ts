import "server-only";
import { isIP } from "node:net";
import { Client, InvalidCredentialsError } from "ldapts";
import type { LdapConfig } from "@/lib/validations/identity";
import type { ExternalPerson } from "./external-user";

/** RFC 4515: what a typed name may not mean inside a search filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** The directory could not be asked (down, TLS refused, the search account refused): not a wrong password. */
export class DirectoryUnavailableError extends Error {
  override name = "DirectoryUnavailableError";
}

const MAX_NESTING = 8;

function connect(config: LdapConfig): Client {
  // Only for ldaps://: ldapts opens TLS at once whenever tlsOptions are given, which a StartTLS server refuses.
  const tlsOptions = config.caCertificate && /^ldaps:/i.test(config.url) ? { ca: [config.caCertificate] } : undefined;
  return new Client({ url: config.url, tlsOptions, timeout: 10_000, connectTimeout: 5_000, strictDN: false });
}

async function open(config: LdapConfig): Promise<Client> {
  const client = connect(config);
  if (config.startTls) {
    // The certificate is checked against the server's own name (tls.connect over an open socket would say "localhost").
    const host = new URL(config.url).hostname.replace(/^\[|\]$/g, "");
    await client.startTLS({
      host,
      ...(isIP(host) ? {} : { servername: host }),
      ...(config.caCertificate ? { ca: [config.caCertificate] } : {}),
    });
  }
  return client;
}

const first = (value: unknown): string => (Array.isArray(value) ? String(value[0] ?? "") : value === undefined ? "" : String(value));

/**
 * Checks a name and password against an LDAP or Active Directory server: the search account finds the person's
 * entry (exactly one), a bind as that entry checks the password, and the search account reads their groups
 * (following nested groups when asked). Null for a wrong name or password.
 */
export async function ldapAuthenticate(
  config: LdapConfig,
  bindPassword: string | null,
  username: string,
  password: string,
): Promise<(ExternalPerson & { externalId: string }) | null> {
  // An empty password would be an "unauthenticated bind", which many servers accept.
  if (!password) return null;
  let search: Client | undefined;
  try {
    search = await open(config);
    if (config.bindDn) await search.bind(config.bindDn, bindPassword ?? "");
    const { searchEntries } = await search.search(config.userBase, {
      scope: "sub",
      filter: config.userFilter.replaceAll("{username}", escapeFilterValue(username)),
      attributes: [config.displayNameAttribute],
      sizeLimit: 2,
    });
    if (searchEntries.length !== 1) return null;
    const entry = searchEntries[0];
    if (!(await passwordIsRight(config, entry.dn, password))) return null;
    const groups = config.groupBase ? await groupsOf(search, config, entry.dn) : [];
    return { externalId: entry.dn, username, displayName: first(entry[config.displayNameAttribute]), groups };
  } catch (error) {
    throw new DirectoryUnavailableError(`The directory at ${config.url} cannot be used: ${(error as Error).message}`);
  } finally {
    await search?.unbind().catch(() => undefined);
  }
}

async function passwordIsRight(config: LdapConfig, dn: string, password: string): Promise<boolean> {
  const client = await open(config);
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    throw error;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Names and DNs of the groups `dn` is in; with nestedGroups also the groups those are in, and so on. */
async function groupsOf(client: Client, config: LdapConfig, dn: string): Promise<string[]> {
  const found = new Map<string, string>();
  let members = [dn];
  for (let depth = 0; members.length && depth < (config.nestedGroups ? MAX_NESTING : 1); depth++) {
    const next: string[] = [];
    for (const member of members) {
      const { searchEntries } = await client.search(config.groupBase, {
        scope: "sub",
        filter: config.groupFilter.replaceAll("{dn}", escapeFilterValue(member)),
        attributes: [config.groupNameAttribute],
      });
      for (const group of searchEntries) {
        if (found.has(group.dn.toLowerCase())) continue;
        found.set(group.dn.toLowerCase(), first(group[config.groupNameAttribute]));
        next.push(group.dn);
      }
    }
    members = next;
  }
  return [...found.entries()].flatMap(([groupDn, name]) => (name ? [name, groupDn] : [groupDn]));
}
