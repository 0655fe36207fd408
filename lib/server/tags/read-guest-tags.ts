import "server-only";
import { ErrorCode, isLibvirtError, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { isValidTag } from "@/lib/validations/tags";
import { CONSOLE_TAGS_NS, parseConsoleTags } from "@/lib/xml";

/** The guest's tags as its metadata holds them now (what another tool wrote that breaks the rules is left out). */
export async function readGuestTags(target: { lv: Libvirt; dom: DomainRef }): Promise<string[]> {
  try {
    const element = await target.lv.domains.elementMetadata(target.dom, CONSOLE_TAGS_NS);
    return [
      ...new Set(
        parseConsoleTags(element)
          .map((t) => t.toLowerCase())
          .filter(isValidTag),
      ),
    ].sort();
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN_METADATA)) return [];
    throw err;
  }
}
