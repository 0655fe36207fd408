import { z } from "zod";
import { said } from "./messages";
import { grantSchema } from "./users";
import { nameSchema } from "./names";

export const providerKinds = ["oidc", "ldap"] as const;
export type ProviderKind = (typeof providerKinds)[number];

/** A group at the provider (its name, or for LDAP also its DN) and the role it gives. */
export const groupMappingSchema = z.object({
  group: z.string().trim().min(1, said("enterGroup")).max(512),
  grant: grantSchema,
});
export type GroupMapping = z.infer<typeof groupMappingSchema>;

const claim = z.string().trim().min(1).max(128);

export const oidcConfigSchema = z.object({
  /** The issuer URL; its /.well-known/openid-configuration is read. https, or http on this machine's loopback only. */
  issuer: z.url({ protocol: /^https?$/, error: said("issuerUrl") }),
  clientId: z.string().trim().min(1, said("enterClientId")).max(256),
  scopes: z.string().trim().max(512).default("openid profile email groups"),
  usernameClaim: claim.default("preferred_username"),
  displayNameClaim: claim.default("name"),
  groupsClaim: claim.default("groups"),
  mappings: z.array(groupMappingSchema).max(200).default([]),
});
export type OidcConfig = z.infer<typeof oidcConfigSchema>;

const attribute = z.string().trim().min(1).max(128);
const filter = z.string().trim().min(1).max(1024);

export const ldapConfigSchema = z.object({
  url: z
    .string()
    .trim()
    .regex(/^ldaps?:\/\/[^\s/]+\/?$/i, said("ldapAddress")),
  /** Upgrade an ldap:// connection with StartTLS before anything is sent. */
  startTls: z.boolean().default(false),
  /** PEM of the CA that signed the directory's certificate, when it is not one the system trusts. */
  caCertificate: z
    .string()
    .trim()
    .max(64 * 1024)
    .default(""),
  /** The account that searches for people; empty for an anonymous search. Its password is the provider's secret. */
  bindDn: z.string().trim().max(1024).default(""),
  userBase: z.string().trim().min(1, said("ldapUserBase")).max(1024),
  /** {username} is replaced by the escaped name typed at sign-in; Active Directory: (sAMAccountName={username}). */
  userFilter: filter.default("(uid={username})"),
  displayNameAttribute: attribute.default("cn"),
  groupBase: z.string().trim().max(1024).default(""),
  /** {dn} is the person's (or, for nesting, a group's) DN; Active Directory: (member={dn}) as well. */
  groupFilter: filter.default("(member={dn})"),
  groupNameAttribute: attribute.default("cn"),
  /** Follow groups that are members of groups (Active Directory's nested groups), up to 8 levels. */
  nestedGroups: z.boolean().default(false),
  mappings: z.array(groupMappingSchema).max(200).default([]),
});
export type LdapConfig = z.infer<typeof ldapConfigSchema>;

const common = {
  name: nameSchema("label"),
  enabled: z.boolean().default(true),
  /** The OIDC client secret or the LDAP bind password; left out on a change, the stored one stays. */
  secret: z.string().max(4096).optional(),
};

export const providerInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("oidc"), ...common, config: oidcConfigSchema }),
  z.object({ kind: z.literal("ldap"), ...common, config: ldapConfigSchema }),
]);
export type ProviderInput = z.infer<typeof providerInputSchema>;

export const providerIdParams = z.object({ providerId: z.string().min(1).max(64) });

/** A provider as admins see it: never its secret, only whether one is stored. */
export type ProviderView = {
  id: string;
  kind: ProviderKind;
  name: string;
  enabled: boolean;
  hasSecret: boolean;
  config: OidcConfig | LdapConfig;
  /** Where the provider sends people back after an OpenID Connect sign-in (register it there). */
  redirectPath: string | null;
};
