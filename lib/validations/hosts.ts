// Shared by the host form and its handlers: what an administrator enters, and the libvirt URI it makes.
import { z } from "zod";
import { said } from "./messages";
import { parseUri } from "@/lib/libvirt/uri";
import { nameSchema } from "./names";

export const hostKinds = ["local", "ssh", "tls", "tcp", "test", "custom"] as const;
export type HostKind = (typeof hostKinds)[number];

const name = nameSchema("host");
const address = z
  .string()
  .trim()
  .min(1, said("enterHostAddress"))
  .max(253)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/, said("hostAddress"));
const port = z
  .union([z.literal("").transform(() => undefined), z.coerce.number().int().min(1, "1 to 65535").max(65535, "1 to 65535")])
  .optional();
const optionalSecret = z
  .string()
  .max(64 * 1024)
  .optional();
const pem = (key: "pemCaCertificate" | "pemClientCertificate" | "pemClientKey") =>
  z
    .string()
    .trim()
    .max(64 * 1024)
    .regex(/^(-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----\s*)?$/, said(key))
    .optional();

/** For daemons with auth_tls/auth_tcp = "sasl": a user of their SASL database; empty when they ask for none. */
const saslUser = z
  .string()
  .trim()
  .max(64)
  .regex(/^([A-Za-z0-9._-]+)?$/, said("simpleChars"))
  .optional();

export const sshFingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, said("sshFingerprint"));

export const hostFormSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("local"), name }),
  z.object({
    kind: z.literal("ssh"),
    name,
    user: z
      .string()
      .trim()
      .min(1, said("enterTheUserName"))
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, said("simpleChars")),
    address,
    port,
    auth: z.enum(["key", "password"]),
    privateKey: optionalSecret,
    passphrase: optionalSecret,
    password: optionalSecret,
    /** The host key fingerprint the administrator confirmed; it is pinned when the host is saved. */
    hostKeyFingerprint: sshFingerprint.optional(),
  }),
  z.object({
    kind: z.literal("tls"),
    name,
    address,
    port,
    tlsCa: pem("pemCaCertificate"),
    tlsCert: pem("pemClientCertificate"),
    tlsKey: pem("pemClientKey"),
    saslUser,
    password: optionalSecret,
  }),
  z.object({ kind: z.literal("tcp"), name, address, port, saslUser, password: optionalSecret }),
  z.object({ kind: z.literal("test"), name }),
  z.object({
    kind: z.literal("custom"),
    name,
    uri: z
      .string()
      .trim()
      .min(1, said("enterLibvirtUri"))
      .refine((uri) => {
        try {
          return parseUri(uri).transport !== "ext";
        } catch {
          return false;
        }
      }, said("libvirtUri")),
  }),
]);
export type HostFormInput = z.infer<typeof hostFormSchema>;

const hostPart = (input: { address: string; port?: number }) => `${input.address}${input.port ? `:${input.port}` : ""}`;

/** The libvirt URI the form describes, shown live as the administrator types. */
export function buildHostUri(input: HostFormInput): string {
  switch (input.kind) {
    case "local":
      return "qemu:///system";
    case "ssh":
      return `qemu+ssh://${input.user}@${hostPart(input)}/system`;
    case "tls":
      return `qemu+tls://${input.saslUser ? `${input.saslUser}@` : ""}${hostPart(input)}/system`;
    case "tcp":
      return `qemu+tcp://${input.saslUser ? `${input.saslUser}@` : ""}${hostPart(input)}/system`;
    case "test":
      return "test:///default";
    case "custom":
      return input.uri;
  }
}

/** The form fields an existing host's URI corresponds to (for editing). */
export function formFromUri(uri: string): { kind: HostKind; user?: string; address?: string; port?: number; uri?: string } {
  if (uri === "qemu:///system") return { kind: "local" };
  if (uri === "test:///default") return { kind: "test" };
  try {
    const parsed = parseUri(uri);
    const standard = parsed.driver === "qemu" && parsed.path === "/system" && Object.keys(parsed.params).length === 0 && parsed.host;
    if (standard && (parsed.transport === "ssh" || parsed.transport === "tls" || parsed.transport === "tcp")) {
      const address = parsed.host!.includes(":") ? `[${parsed.host}]` : parsed.host!;
      return { kind: parsed.transport, user: parsed.user, address, port: parsed.port };
    }
  } catch {
    // fall through: shown as a custom URI
  }
  return { kind: "custom", uri };
}

export const hostIdParams = z.object({ id: z.string().min(1) });
