// Shared by the wizard's "Cloud-init" section and the server: what a person may put in a NoCloud seed
// (host name, users, packages, commands, network; or user-data typed as YAML), checked the same way
// in the browser and in the handler.
import { parseDocument } from "yaml";
import { z } from "zod";
import { addProblem, said, type Problem } from "./messages";
import { contains, parseCidr, parseIp } from "@/lib/networks/addresses";

/** A host name as cloud-init sets it: DNS labels (RFC 1123), optionally a fully qualified name. */
export const cloudHostnameSchema = z
  .string()
  .trim()
  .min(1, said("enterHostName"))
  .max(253, said("atMostChars"))
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, said("hostnameChars"));

const keyTypes = [
  "ssh-ed25519",
  "ssh-rsa",
  "ssh-dss",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
];

/** True when the line is an OpenSSH public key: a known type, then base64 whose blob names that same type. */
export function isSshPublicKey(line: string): boolean {
  const [type, data] = line.trim().split(/\s+/);
  if (!keyTypes.includes(type) || !data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return false;
  let blob: string;
  try {
    blob = atob(data);
  } catch {
    return false;
  }
  // The blob starts with the type as an SSH string: a 4-byte big-endian length, then the name.
  const length = (blob.charCodeAt(0) << 24) | (blob.charCodeAt(1) << 16) | (blob.charCodeAt(2) << 8) | blob.charCodeAt(3);
  return length === type.length && blob.slice(4, 4 + length) === type;
}

const sshKeySchema = z.string().trim().refine(isSshPublicKey, said("sshPublicKey"));

export const cloudUserSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, said("linuxUserName")),
  /** Plain text here; only its SHA-512 crypt hash goes into the seed. Empty: the password stays locked. */
  password: z.string().max(256, said("atMostChars")).default(""),
  /** A password already hashed ($6$ SHA-512 crypt): what a kept draft stores instead of the plain text. */
  passwordHash: z
    .string()
    .regex(/^\$6\$[./0-9A-Za-z]{8,16}\$[./0-9A-Za-z]{86}$/, said("sha512Crypt"))
    .optional(),
  sshKeys: z.array(sshKeySchema).max(20, said("atMost20Keys")).default([]),
  /** Allowed to run any command as root through sudo, without a password. */
  sudo: z.boolean().default(false),
});
export type CloudUser = z.infer<typeof cloudUserSchema>;

const ip = (message: string) =>
  z
    .string()
    .trim()
    .refine((t) => parseIp(t) !== null, message);

export const cloudNetworkSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("dhcp") }),
  z
    .object({
      mode: z.literal("static"),
      address: z
        .string()
        .trim()
        .refine((t) => parseCidr(t) !== null, said("addressWithPrefix")),
      gateway: ip(said("ipAddress")).or(z.literal("")).default(""),
      dns: z
        .array(ip(said("ipAddress")))
        .max(3, said("atMost3Dns"))
        .default([]),
    })
    .superRefine((n, issue) => {
      const subnet = parseCidr(n.address);
      const gateway = n.gateway ? parseIp(n.gateway) : null;
      if (subnet && gateway && !contains(subnet, gateway))
        addProblem(issue, { key: "gatewayInside", values: { network: n.address } }, ["gateway"]);
    }),
]);
export type CloudNetwork = z.infer<typeof cloudNetworkSchema>;

/**
 * Where YAML text does not parse, or is not a mapping: a problem with the line (and column), or null
 * when it is fine. The `yaml` library's own parser, so the message names what it found (in English: its own words).
 */
export function yamlProblem(text: string): Problem | null {
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const first = error.message.split("\n")[0].replace(/ at line \d+, column \d+:$/, "");
    return at
      ? { key: "yamlAt", values: { line: at.line, column: at.col, detail: first } }
      : { key: "yamlSays", values: { detail: first } };
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { key: "userDataEmpty" };
  if (typeof value !== "object" || Array.isArray(value)) return { key: "userDataMapping" };
  return null;
}

const rawUserDataSchema = z
  .string()
  .max(64 * 1024, said("atMost64KiB"))
  .superRefine((text, issue) => {
    const problem = yamlProblem(text);
    if (problem) addProblem(issue, problem);
  });

const lineSchema = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .regex(/^[^\0-\x1f]*$/, said("oneLinePlain"));

const common = {
  hostname: cloudHostnameSchema,
  network: cloudNetworkSchema.default({ mode: "dhcp" }),
};

/** A NoCloud seed's contents: from the form, or user-data typed as YAML (the host name and network still from the form). */
export const cloudInitSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("form"),
    ...common,
    users: z.array(cloudUserSchema).max(20, said("atMost20Users")).default([]),
    packages: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9][A-Za-z0-9+._:=~-]*$/, said("packageName")),
      )
      .max(200)
      .default([]),
    commands: z.array(lineSchema).max(100).default([]),
  }),
  z.object({ mode: z.literal("raw"), ...common, userData: rawUserDataSchema }),
]);
export type CloudInitInput = z.infer<typeof cloudInitSchema>;

/** A snippet of user-data kept for reuse in the raw editor. */
export const cloudInitSnippetSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, said("enterName"))
    .max(64, said("atMostChars"))
    .regex(/^[^<>]*$/, said("noAngleBrackets")),
  userData: rawUserDataSchema,
});

/** "Preview seed": the seed's answers and the guest's name so far. */
export const seedPreviewSchema = z.object({ guestName: z.string().max(64).default(""), config: cloudInitSchema });
