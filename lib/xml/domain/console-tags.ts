// Tags on a guest, kept in its <metadata> under the console's own namespace so `virsh dumpxml` shows them and
// they travel with the definition (migration, redefinition). Format (README, "Tags"):
//   <console:tags xmlns:console="urn:virt-console:tags:1"><console:tag>web</console:tag>…</console:tags>

import { CONSOLE_METADATA_KEY, CONSOLE_TAGS_NS } from "./console-namespaces";

export { CONSOLE_TAGS_NS };
/** The prefix libvirt writes the element with. */
export const CONSOLE_TAGS_KEY = CONSOLE_METADATA_KEY;

/**
 * The element virDomainSetMetadata takes for these tags (libvirt adds the namespace and prefix), or null for
 * none (which removes the element). Tags must already pass the tag rules: they hold no markup characters.
 */
export function consoleTagsElement(tags: readonly string[]): string | null {
  if (!tags.length) return null;
  return `<tags>${tags.map((t) => `<tag>${t}</tag>`).join("")}</tags>`;
}

const TAGS_ELEMENT = /<(?:([A-Za-z_][\w.-]*):)?tags\b[^>]*>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?tags>/g;
const TAG_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?tag\b[^>]*>([^<]*)<\/(?:[A-Za-z_][\w.-]*:)?tag>/g;

/**
 * The tags in XML that holds the console's element: what virDomainGetMetadata returns for CONSOLE_TAGS_NS, or a
 * whole <metadata> (then only the element declaring CONSOLE_TAGS_NS counts). Unknown content is ignored.
 */
export function parseConsoleTags(xml: string | null | undefined): string[] {
  if (!xml) return [];
  const tags: string[] = [];
  for (const match of xml.matchAll(TAGS_ELEMENT)) {
    if (!match[0].includes(CONSOLE_TAGS_NS) && !isBareElement(xml)) continue;
    for (const tag of match[2].matchAll(TAG_ELEMENT)) tags.push(tag[1].trim());
  }
  return tags.filter(Boolean);
}

/** virDomainGetMetadata answers with the element alone, its namespace possibly left out. */
function isBareElement(xml: string): boolean {
  return /^\s*<(?:[A-Za-z_][\w.-]*:)?tags\b/.test(xml);
}
