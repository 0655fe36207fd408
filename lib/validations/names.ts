// The one rule for names people type (hosts, guests, networks, pools, volumes, snapshots, user names and
// display names), shared by every form and handler. Common to all kinds: trimmed, a length limit, no control
// characters, no invisible text-direction or formatting characters (they make a name look like another, or
// reorder what is shown around it). Each kind adds its own: libvirt objects keep to the characters that are
// safe in paths, shells, URLs and XML; free-text names may use any script but never '<' or '>'.
import { z } from "zod";

export const nameKinds = ["host", "guest", "network", "pool", "volume", "snapshot", "username", "displayName", "label"] as const;
export type NameKind = (typeof nameKinds)[number];

type Rule = {
  /** The message for an empty name; null where the name may be empty. */
  empty: string | null;
  min?: { length: number; message: string };
  max: number;
  /** Free text that also lands in XML or HTML: no '<' or '>'. */
  noAngleBrackets?: boolean;
  /** The characters a name of this kind may use at all, in plain words. */
  charset?: { pattern: RegExp; message: string };
  extra?: { bad: (name: string) => boolean; message: string }[];
};

const libvirtName = "Letters, digits, '.', '_' and '-' only, starting with a letter or digit";
const storageName = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9._+-]*$/,
  message: "Letters, digits, '.', '_', '+' and '-' only, starting with a letter or digit",
};
const noDoubleDots = { bad: (n: string) => n.includes(".."), message: "Two dots in a row are not allowed" };

const rules: Record<NameKind, Rule> = {
  // Any script (a display label), but no slashes.
  host: { empty: "Enter a name", max: 64, noAngleBrackets: true, extra: [{ bad: (n) => n.includes("/"), message: "No slashes" }] },
  guest: { empty: "Enter a name", max: 64, charset: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: libvirtName } },
  network: { empty: "Enter a name", max: 64, charset: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: libvirtName } },
  pool: { empty: "Enter a pool name", max: 64, charset: storageName, extra: [noDoubleDots] },
  volume: { empty: "Enter a volume name", max: 128, charset: storageName, extra: [noDoubleDots] },
  // Like virt-manager: any text but '/' (it names files next to the disks), and never '.' or '..'.
  snapshot: {
    empty: "Enter a name",
    max: 64,
    noAngleBrackets: true,
    extra: [
      { bad: (n) => n.includes("/"), message: "No '/'" },
      { bad: (n) => n === "." || n === "..", message: "Not '.' or '..'" },
    ],
  },
  username: {
    empty: "Enter a user name",
    min: { length: 2, message: "At least 2 characters" },
    max: 64,
    charset: {
      pattern: /^[a-z0-9][a-z0-9._-]*$/i,
      message: "Letters, digits, dot, dash and underscore only, starting with a letter or digit",
    },
  },
  // Any script; may be left empty.
  displayName: { empty: null, max: 128, noAngleBrackets: true },
  // What a person calls a thing of theirs (an API token, a sign-in provider): any script, not empty.
  label: { empty: "Enter a name", max: 64, noAngleBrackets: true },
};

const control = /[\p{Cc}\u2028\u2029]/u;
/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the LTR/RTL marks and the Arabic letter mark. */
const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Other invisible formatting characters and broken surrogate halves; the zero-width (non-)joiner stays, scripts need it. */
const invisible = /(?![\u200C\u200D])[\p{Cf}\p{Cs}]/u;

/** What is wrong with an already trimmed name of this kind, in plain words, or null when it is fine. */
export function nameProblem(kind: NameKind, name: string): string | null {
  const rule = rules[kind];
  const length = [...name].length;
  if (length === 0) return rule.empty;
  if (rule.min && length < rule.min.length) return rule.min.message;
  if (length > rule.max) return `At most ${rule.max} characters`;
  if (control.test(name)) return "No line breaks, tabs or other control characters";
  if (bidi.test(name)) return "No invisible text-direction characters: they make text show in a misleading order";
  if (invisible.test(name)) return "No invisible characters";
  if (rule.noAngleBrackets && /[<>]/.test(name)) return "No '<' or '>'";
  if (rule.charset && !rule.charset.pattern.test(name)) return rule.charset.message;
  return rule.extra?.find((e) => e.bad(name))?.message ?? null;
}

/** The zod schema for a name of this kind: trimmed, then checked by `nameProblem` (one message per field). */
export function nameSchema(kind: NameKind) {
  return z
    .string()
    .trim()
    .superRefine((name, ctx) => {
      const message = nameProblem(kind, name);
      if (message) ctx.addIssue({ code: "custom", message });
    });
}
