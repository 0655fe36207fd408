import "server-only";
import { ErrorCode, isLibvirtError, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { CONSOLE_TEMPLATE_NS, parseConsoleTemplate } from "@/lib/xml";
import { ApiError } from "../http/errors";

/** Whether the guest carries the console's template mark in its metadata (its saved definition when it has one). */
export async function isTemplate(target: { lv: Libvirt; dom: DomainRef }): Promise<boolean> {
  try {
    return parseConsoleTemplate(await target.lv.domains.elementMetadata(target.dom, CONSOLE_TEMPLATE_NS)) !== null;
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN_METADATA)) return false;
    throw err;
  }
}

/** Throws what every route that would start a guest answers for a template (409). */
export async function refuseTemplateStart(target: { lv: Libvirt; dom: DomainRef }): Promise<void> {
  if (await isTemplate(target)) throw new ApiError(409, { key: "templateNeverStarts", values: { guest: target.dom.name } });
}
