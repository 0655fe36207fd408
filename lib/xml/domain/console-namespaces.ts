// The console's own libvirt metadata namespaces, one per kind of fact it keeps in a guest's <metadata>
// (libvirt keeps one element per namespace). README ("Tags", "Templates") documents each element.

/** The guest's tags: <console:tags><console:tag>web</console:tag>…</console:tags>. */
export const CONSOLE_TAGS_NS = "urn:virt-console:tags:1";
/** The guest is a template: <console:template since="2026-12-05T08:00:00.000Z"/>. */
export const CONSOLE_TEMPLATE_NS = "urn:virt-console:template:1";
/** The prefix libvirt writes the console's elements with. */
export const CONSOLE_METADATA_KEY = "console";
