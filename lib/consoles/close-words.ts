// Shared by server and browser: why a console's relay closed the socket, as a key with its values (JSON in the
// close reason), so the page says it in its own language. A sentence of messages' "consoleErrors", or of
// "apiErrors" for a refusal the console's API gives too (the guest is not running, it has no display, …).
// A reason that is no such JSON (libvirt's own words, an older server) is shown as it is.
import type english from "@/messages/en.json";

export type ConsoleErrorKey = keyof (typeof english)["consoleErrors"];
type ApiErrorKey = keyof (typeof english)["apiErrors"];
type Values = Record<string, string | number>;
export type CloseWords = { key: ConsoleErrorKey; values?: Values } | { apiError: ApiErrorKey; values?: Values };

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;
const bytes = (text: string) => new TextEncoder().encode(text).length;

/** The words as a close reason: JSON, the longest values cut short (with "…") until it fits. */
export function closeReason(words: CloseWords): string {
  const values: Values = { ...words.values };
  const encode = () => JSON.stringify({ ...words, ...(words.values ? { values } : {}) });
  for (let text = encode(); bytes(text) > MAX_REASON_BYTES; text = encode()) {
    const longest = Object.entries(values)
      .filter((e): e is [string, string] => typeof e[1] === "string" && e[1].length > 1)
      .sort((a, b) => b[1].length - a[1].length)[0];
    // Nothing left to cut: the key alone says enough.
    if (!longest) return JSON.stringify("apiError" in words ? { apiError: words.apiError } : { key: words.key });
    const [name, value] = longest;
    values[name] = `${[...value].slice(0, Math.max(1, [...value].length - Math.max(4, bytes(text) - MAX_REASON_BYTES))).join("")}…`;
  }
  return encode();
}

/** The words a close reason carries, or null when it is plain text. */
export function readCloseReason(reason: string): CloseWords | null {
  if (!reason.startsWith("{")) return null;
  try {
    const parsed = JSON.parse(reason) as Partial<{ key: unknown; apiError: unknown; values: unknown }>;
    const values = typeof parsed.values === "object" && parsed.values !== null ? (parsed.values as Values) : undefined;
    if (typeof parsed.key === "string") return { key: parsed.key as ConsoleErrorKey, values };
    if (typeof parsed.apiError === "string") return { apiError: parsed.apiError as ApiErrorKey, values };
    return null;
  } catch {
    return null;
  }
}

/** The translators a page says console words with. */
export type CloseSayers = {
  console: (key: ConsoleErrorKey, values?: Values) => string;
  api: (key: ApiErrorKey, values?: Values) => string;
};

/** A close reason in the page's language: its words said, or its text as it is. */
export function sayCloseReason(reason: string, say: CloseSayers): string {
  const words = readCloseReason(reason);
  if (!words) return reason;
  return "apiError" in words ? say.api(words.apiError, words.values) : say.console(words.key, words.values);
}
