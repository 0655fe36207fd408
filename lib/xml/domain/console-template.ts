// A guest marked as a template, kept in its <metadata> under the console's template namespace so `virsh dumpxml`
// shows it and it travels with the definition. Format (README, "Templates"):
//   <console:template xmlns:console="urn:virt-console:template:1" since="2026-12-05T08:00:00.000Z"/>
import { CONSOLE_METADATA_KEY, CONSOLE_TEMPLATE_NS } from "./console-namespaces";

export { CONSOLE_TEMPLATE_NS };
export const CONSOLE_TEMPLATE_KEY = CONSOLE_METADATA_KEY;

/** The element virDomainSetMetadata takes for a template (libvirt adds namespace and prefix). */
export function consoleTemplateElement(since: Date): string {
  return `<template since="${since.toISOString()}"/>`;
}

const TEMPLATE_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?template\b([^>]*)\/?>/;

/**
 * The mark in what virDomainGetMetadata returns for CONSOLE_TEMPLATE_NS (the element alone): when the guest
 * became a template, or null when the XML holds no mark. An unreadable date still marks it (since: null).
 */
export function parseConsoleTemplate(xml: string | null | undefined): { since: string | null } | null {
  const match = xml ? TEMPLATE_ELEMENT.exec(xml) : null;
  if (!match) return null;
  const since = /\bsince\s*=\s*["']([^"']*)["']/.exec(match[1])?.[1];
  return { since: since && !Number.isNaN(Date.parse(since)) ? since : null };
}
