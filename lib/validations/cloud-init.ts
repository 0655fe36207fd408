// Shared by the wizard's "Cloud-init" section and the server: what a person may put in a NoCloud seed
// (host name, users, packages, commands, network; or user-data typed as YAML), checked the same way
// in the browser and in the handler.
import { parseDocument } from "yaml";
import { z } from "zod";
import { contains, parseCidr, parseIp } from "@/lib/networks/addresses";

/** A host name as cloud-init sets it: DNS labels (RFC 1123), optionally a fully qualified name. */
export const cloudHostnameSchema = z
  .string()
  .trim()
  .min(1, "Enter a host name")
  .max(253, "At most 253 characters")
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    "Letters, digits and '-' (not first or last), optionally with dots as in web.example.org",
  );

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

const sshKeySchema = z
  .string()
  .trim()
  .refine(isSshPublicKey, "Not an SSH public key: paste one line such as ssh-ed25519 AAAAC3Nza… you@laptop (the .pub file)");

export const cloudUserSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "A Linux user name: lower-case letters, digits, '_' and '-', starting with a letter"),
  /** Plain text here; only its SHA-512 crypt hash goes into the seed. Empty: the password stays locked. */
  password: z.string().max(256, "At most 256 characters").default(""),
  /** A password already hashed ($6$ SHA-512 crypt): what a kept draft stores instead of the plain text. */
  passwordHash: z
    .string()
    .regex(/^\$6\$[./0-9A-Za-z]{8,16}\$[./0-9A-Za-z]{86}$/, "A SHA-512 crypt hash ($6$…)")
    .optional(),
  sshKeys: z.array(sshKeySchema).max(20, "At most 20 keys").default([]),
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
        .refine((t) => parseCidr(t) !== null, "An address with its prefix, such as 192.168.122.50/24 or fd00::50/64"),
      gateway: ip("An IP address such as 192.168.122.1").or(z.literal("")).default(""),
      dns: z.array(ip("An IP address such as 192.168.122.1")).max(3, "At most 3 DNS servers").default([]),
    })
    .superRefine((n, issue) => {
      const subnet = parseCidr(n.address);
      const gateway = n.gateway ? parseIp(n.gateway) : null;
      if (subnet && gateway && !contains(subnet, gateway))
        issue.addIssue({ code: "custom", path: ["gateway"], message: `The gateway must be inside ${n.address}` });
    }),
]);
export type CloudNetwork = z.infer<typeof cloudNetworkSchema>;

/**
 * Where YAML text does not parse, or is not a mapping: a message with the line (and column), or null
 * when it is fine. The `yaml` library's own parser, so the message names what it found.
 */
export function yamlProblem(text: string): string | null {
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const first = error.message.split("\n")[0].replace(/ at line \d+, column \d+:$/, "");
    return at ? `Line ${at.line}, column ${at.col}: ${first}` : first;
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return "The user data is empty";
  if (typeof value !== "object" || Array.isArray(value)) return "The user data must be a mapping of keys (such as packages:, runcmd:)";
  return null;
}

const rawUserDataSchema = z
  .string()
  .max(64 * 1024, "At most 64 KiB")
  .superRefine((text, issue) => {
    const problem = yamlProblem(text);
    if (problem) issue.addIssue({ code: "custom", message: problem });
  });

const lineSchema = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .regex(/^[^\0-\x1f]*$/, "One line of plain text");

const common = {
  hostname: cloudHostnameSchema,
  network: cloudNetworkSchema.default({ mode: "dhcp" }),
};

/** A NoCloud seed's contents: from the form, or user-data typed as YAML (the host name and network still from the form). */
export const cloudInitSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("form"),
    ...common,
    users: z.array(cloudUserSchema).max(20, "At most 20 users").default([]),
    packages: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9][A-Za-z0-9+._:=~-]*$/, "A package name such as nginx or qemu-guest-agent"),
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
    .min(1, "Enter a name")
    .max(64, "At most 64 characters")
    .regex(/^[^<>]*$/, "No '<' or '>'"),
  userData: rawUserDataSchema,
});

/** "Preview seed": the seed's answers and the guest's name so far. */
export const seedPreviewSchema = z.object({ guestName: z.string().max(64).default(""), config: cloudInitSchema });
