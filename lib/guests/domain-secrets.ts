// Secrets in a domain definition (see ./secrets.ts for which): replaced by the placeholder in
// everything the browser gets, put back when XML the browser edited is defined. Pure; unit-tested.
import type { Element } from "@xmldom/xmldom";
import { childElements, Domain } from "@/lib/xml";
import { SECRET_PLACEHOLDER } from "./secrets";

/** One secret's place in a definition: a key that finds the same place in an edited copy, and its name in messages. */
interface SecretSlot {
  key: string;
  label: string;
  read(): string | null;
  write(value: string): void;
}

const displayNames: Record<string, string> = { vnc: "VNC", spice: "SPICE", rdp: "RDP" };

/**
 * One slot per display, with a password or not, keyed by type and position among the displays of
 * that type (QEMU has at most one of each), so reordering displays or changing listen children
 * keeps the match.
 */
function displaySlots(root: Element): SecretSlot[] {
  const seen = new Map<string, number>();
  return childElements(root, "devices")
    .flatMap((devices) => childElements(devices, "graphics"))
    .map((el) => {
      const type = el.getAttribute("type") ?? "";
      const n = seen.get(type) ?? 0;
      seen.set(type, n + 1);
      return {
        key: `graphics/${type}/${n}`,
        label: `${displayNames[type] ?? type} display${n ? ` ${n + 1}` : ""} password`,
        read: () => (el.hasAttribute("passwd") ? el.getAttribute("passwd") : null),
        write: (value) => el.setAttribute("passwd", value),
      };
    });
}

/** A step of a cookie's path: disks by target device (they may be reordered), cookies by name, the rest by position. */
function step(el: Element): string {
  const dev = el.tagName === "disk" ? childElements(el, "target")[0]?.getAttribute("dev") : null;
  if (dev) return `disk[${dev}]`;
  if (el.tagName === "cookie") return `cookie[${el.getAttribute("name") ?? ""}]`;
  const parent = el.parentNode as Element | null;
  return `${el.tagName}[${parent ? childElements(parent, el.tagName).indexOf(el) : 0}]`;
}

/** Cookies of network sources (disks, their backing stores, a network NVRAM), wherever they are. */
function cookieSlots(root: Element): SecretSlot[] {
  const list = root.getElementsByTagName("cookie");
  const slots: SecretSlot[] = [];
  for (let i = 0; i < list.length; i++) {
    const el = list.item(i)!;
    const cookies = el.parentNode as Element | null;
    if (cookies?.tagName !== "cookies" || (cookies.parentNode as Element | null)?.tagName !== "source") continue;
    const path: string[] = [];
    let disk: string | null = null;
    for (let at: Element | null = el; at && at !== root; at = at.parentNode as Element | null) {
      path.unshift(step(at));
      if (at.tagName === "disk") disk = childElements(at, "target")[0]?.getAttribute("dev") ?? disk;
    }
    const name = el.getAttribute("name") ?? "";
    slots.push({
      key: path.join("/"),
      label: `cookie ${name}${disk ? ` of disk ${disk}` : ""}`,
      read: () => el.textContent ?? "",
      write: (value) => {
        while (el.firstChild) el.removeChild(el.firstChild);
        el.appendChild(el.ownerDocument!.createTextNode(value));
      },
    });
  }
  return slots;
}

function slotsOf(domain: Domain): SecretSlot[] {
  const root = domain.xmlElement(false);
  return root ? [...displaySlots(root), ...cookieSlots(root)] : [];
}

/** Replaces every secret value in the definition (in place) with the placeholder. */
export function redactSecrets(domain: Domain): void {
  for (const slot of slotsOf(domain)) if (slot.read() !== null) slot.write(SECRET_PLACEHOLDER);
}

// Text without either cannot hold a secret; most definitions skip the parse.
const mayHoldSecrets = /passwd\s*=|<cookie\b/;

/** Domain XML as the browser may see it: the one function every response carrying guest XML goes through. */
export function redactDomainXml(xml: string): string {
  if (!mayHoldSecrets.test(xml)) return xml;
  const domain = Domain.parse(xml);
  redactSecrets(domain);
  return domain.toXml();
}

/** The placeholder was defined for a place that has no stored value to stand for. */
export class PlaceholderWithoutSecretError extends Error {
  override name = "PlaceholderWithoutSecretError";
  constructor(readonly label: string) {
    super(`${SECRET_PLACEHOLDER} keeps a stored value, but there is no stored ${label}: type the new value, or leave it out for none`);
  }
}

/**
 * Puts the stored values back where the edited definition still has the placeholder (the matching
 * display's password, the same disk's cookie); an explicit value stays as typed. Throws
 * PlaceholderWithoutSecretError where nothing is stored. Returns how many values it put back.
 */
export function restoreSecrets(edited: Domain, stored: Domain): number {
  const storedByKey = new Map(slotsOf(stored).map((slot) => [slot.key, slot]));
  let restored = 0;
  for (const slot of slotsOf(edited)) {
    if (slot.read() !== SECRET_PLACEHOLDER) continue;
    const value = storedByKey.get(slot.key)?.read();
    if (value === null || value === undefined) throw new PlaceholderWithoutSecretError(slot.label);
    slot.write(value);
    restored++;
  }
  return restored;
}

/** What differs in secrets between two definitions (set, changed or removed), by name only: for the audit log. */
export function changedSecrets(before: Domain, after: Domain): string[] {
  const a = new Map(slotsOf(before).map((slot) => [slot.key, slot]));
  const b = new Map(slotsOf(after).map((slot) => [slot.key, slot]));
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((key) => (a.get(key)?.read() ?? null) !== (b.get(key)?.read() ?? null))
    .map((key) => (b.get(key) ?? a.get(key))!.label);
}
