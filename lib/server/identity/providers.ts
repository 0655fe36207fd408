import "server-only";
import {
  ldapConfigSchema,
  oidcConfigSchema,
  type LdapConfig,
  type OidcConfig,
  type ProviderKind,
  type ProviderView,
} from "@/lib/validations/identity";
import { db } from "../db";
import { open } from "../hosts/secret-box";

export type LoadedProvider =
  | { id: string; name: string; enabled: boolean; kind: "oidc"; config: OidcConfig; secret: string | null }
  | { id: string; name: string; enabled: boolean; kind: "ldap"; config: LdapConfig; secret: string | null };

type Row = { id: string; name: string; kind: string; enabled: boolean; config: string; secret: string | null };

function load(row: Row): LoadedProvider {
  const secret = row.secret ? open(row.secret) : null;
  const json = JSON.parse(row.config) as unknown;
  if (row.kind === "oidc") return { ...row, kind: "oidc", config: oidcConfigSchema.parse(json), secret };
  return { ...row, kind: "ldap", config: ldapConfigSchema.parse(json), secret };
}

export const oidcRedirectPath = (providerId: string) => `/api/auth/oidc/${providerId}/callback`;

export async function loadProvider(id: string): Promise<LoadedProvider | null> {
  const row = await db().identityProvider.findUnique({ where: { id } });
  return row ? load(row) : null;
}

/** The enabled providers of a kind, in the order admins put them. */
export async function enabledProviders(kind: ProviderKind): Promise<LoadedProvider[]> {
  const rows = await db().identityProvider.findMany({ where: { kind, enabled: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  return rows.map(load);
}

/** For the sign-in page: the OpenID Connect providers to offer as buttons. */
export async function signInButtons(): Promise<{ id: string; name: string }[]> {
  const rows = await db().identityProvider.findMany({
    where: { kind: "oidc", enabled: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  return rows;
}

export async function listProviders(): Promise<ProviderView[]> {
  const rows = await db().identityProvider.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] });
  return rows.map((row) => {
    const p = load({ ...row, secret: null });
    return {
      id: p.id,
      kind: p.kind,
      name: p.name,
      enabled: p.enabled,
      hasSecret: row.secret !== null,
      config: p.config,
      redirectPath: p.kind === "oidc" ? oidcRedirectPath(p.id) : null,
    };
  });
}
