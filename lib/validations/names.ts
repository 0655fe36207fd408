// The one rule for names people type (hosts, guests, networks, pools, volumes, snapshots, user names and
// display names), shared by every form and handler. Common to all kinds: trimmed, a length limit, no control
// characters, no invisible text-direction or formatting characters (they make a name look like another, or
// reorder what is shown around it). Each kind adds its own: libvirt objects keep to the characters that are
// safe in paths, shells, URLs and XML; free-text names may use any script but never '<' or '>'.
import { z } from "zod";
import { addProblem, type Problem, type ValidationKey } from "./messages";

export const nameKinds = ["host", "guest", "network", "pool", "volume", "snapshot", "username", "displayName", "label"] as const;
export type NameKind = (typeof nameKinds)[number];

type Rule = {
  /** The message for an empty name; null where the name may be empty. */
  empty: ValidationKey | null;
  min?: number;
  max: number;
  /** Free text that also lands in XML or HTML: no '<' or '>'. */
  noAngleBrackets?: boolean;
  /** The characters a name of this kind may use at all, in plain words. */
  charset?: { pattern: RegExp; message: ValidationKey };
  extra?: { bad: (name: string) => boolean; message: ValidationKey }[];
};

const libvirtName = "libvirtNameChars";
const storageName = { pattern: /^[A-Za-z0-9][A-Za-z0-9._+-]*$/, message: "storageNameChars" } as const;
const noDoubleDots = { bad: (n: string) => n.includes(".."), message: "noDoubleDots" } as const;

const rules: Record<NameKind, Rule> = {
  // Any script (a display label), but no slashes.
  host: { empty: "enterName", max: 64, noAngleBrackets: true, extra: [{ bad: (n) => n.includes("/"), message: "noSlashes" }] },
  guest: { empty: "enterName", max: 64, charset: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: libvirtName } },
  network: { empty: "enterName", max: 64, charset: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: libvirtName } },
  pool: { empty: "enterPoolName", max: 64, charset: storageName, extra: [noDoubleDots] },
  volume: { empty: "enterVolumeName", max: 128, charset: storageName, extra: [noDoubleDots] },
  // Like virt-manager: any text but '/' (it names files next to the disks), and never '.' or '..'.
  snapshot: {
    empty: "enterName",
    max: 64,
    noAngleBrackets: true,
    extra: [
      { bad: (n) => n.includes("/"), message: "noSlash" },
      { bad: (n) => n === "." || n === "..", message: "notDotOrDotDot" },
    ],
  },
  username: {
    empty: "enterUserName",
    min: 2,
    max: 64,
    charset: { pattern: /^[a-z0-9][a-z0-9._-]*$/i, message: "usernameChars" },
  },
  // Any script; may be left empty.
  displayName: { empty: null, max: 128, noAngleBrackets: true },
  // What a person calls a thing of theirs (an API token, a sign-in provider): any script, not empty.
  label: { empty: "enterName", max: 64, noAngleBrackets: true },
};

const control = /[\p{Cc}\u2028\u2029]/u;
/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the LTR/RTL marks and the Arabic letter mark. */
const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Other invisible formatting characters and broken surrogate halves; the zero-width (non-)joiner stays, scripts need it. */
const invisible = /(?![\u200C\u200D])[\p{Cf}\p{Cs}]/u;

/** What is wrong with an already trimmed name of this kind (a message key, messages "validation"), or null when it is fine. */
export function nameProblem(kind: NameKind, name: string): Problem | null {
  const rule = rules[kind];
  const length = [...name].length;
  const key = (key: ValidationKey | null | undefined) => (key ? { key } : null);
  if (length === 0) return key(rule.empty);
  if (rule.min && length < rule.min) return { key: "atLeastChars", values: { min: rule.min } };
  if (length > rule.max) return { key: "atMostChars", values: { max: rule.max } };
  if (control.test(name)) return key("noControlChars");
  if (bidi.test(name)) return key("noBidiChars");
  if (invisible.test(name)) return key("noInvisibleChars");
  if (rule.noAngleBrackets && /[<>]/.test(name)) return key("noAngleBrackets");
  if (rule.charset && !rule.charset.pattern.test(name)) return key(rule.charset.message);
  return key(rule.extra?.find((e) => e.bad(name))?.message);
}

/** The zod schema for a name of this kind: trimmed, then checked by `nameProblem` (one message per field). */
export function nameSchema(kind: NameKind) {
  return z
    .string()
    .trim()
    .superRefine((name, ctx) => {
      const problem = nameProblem(kind, name);
      if (problem) addProblem(ctx, problem);
    });
}
