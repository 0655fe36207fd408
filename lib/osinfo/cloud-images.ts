import { readFileSync } from "node:fs";
import path from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { DEFAULT_OSINFO_ROOT, listVendorFiles } from "./database";

/** A ready-made disk image osinfo-db lists for an OS (`<image>`): a cloud image when it reads cloud-init. */
export type CloudImage = {
  /** The OS's osinfo id, e.g. "http://ubuntu.com/ubuntu/22.04", and its name as osinfo says it. */
  osId: string;
  osName: string;
  arch: string;
  /** As osinfo-db says it: qcow2, raw, vmdk, … (also "containerdisk", which is no disk file). */
  format: string;
  cloudInit: boolean;
  url: string;
};

/** URL schemes a download can use (osinfo also lists docker:// container disks, which are no disk files). */
export const DOWNLOADABLE_SCHEMES = ["http:", "https:"] as const;

const elements = (parent: Element, name: string): Element[] => Array.from(parent.getElementsByTagName(name));

/** The `<image>` entries of one osinfo os file. */
export function parseCloudImages(xmlText: string): CloudImage[] {
  const doc = new DOMParser().parseFromString(xmlText, "text/xml");
  return elements(doc.documentElement as unknown as Element, "os").flatMap((os) => {
    const osId = os.getAttribute("id") ?? "";
    const osName =
      Array.from(os.childNodes)
        .filter((n): n is Element => n.nodeType === n.ELEMENT_NODE && (n as Element).localName === "name")
        .find((n) => !n.hasAttribute("xml:lang"))
        ?.textContent?.trim() ?? osId;
    return elements(os, "image").flatMap((image) => {
      const url = elements(image, "url")[0]?.textContent?.trim() ?? "";
      if (!osId || !url) return [];
      return [
        {
          osId,
          osName,
          arch: image.getAttribute("arch") ?? "x86_64",
          format: image.getAttribute("format") ?? "raw",
          cloudInit: image.getAttribute("cloud-init") === "true",
          url,
        },
      ];
    });
  });
}

/**
 * libosinfo's own place for a site's additions (OSINFO_LOCAL_DIR, else /etc/osinfo): an administrator's os files
 * there add images (an in-house golden image, a mirror's URL) beside osinfo-db's, as virt-install would see them.
 */
export const localOsinfoDir = () => process.env.OSINFO_LOCAL_DIR || "/etc/osinfo";

let cachedDb: { root: string; images: CloudImage[] } | null = null;

function readImages(root: string): CloudImage[] {
  return listVendorFiles(path.join(root, "os"), false).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    if (!text.includes("<image")) return [];
    try {
      return parseCloudImages(text).filter((i) => DOWNLOADABLE_SCHEMES.some((s) => i.url.startsWith(`${s}//`)));
    } catch {
      return [];
    }
  });
}

/**
 * Every disk image osinfo-db and the local osinfo directory list that the console can download (HTTP or HTTPS).
 * Only the few dozen files that mention an image are parsed (the OS database itself drops `<url>` text for speed);
 * osinfo-db's are read once per process, the local directory's (a handful of files an administrator edits) each time.
 */
export function listCloudImages(root = DEFAULT_OSINFO_ROOT, local = localOsinfoDir()): CloudImage[] {
  if (cachedDb?.root !== root) cachedDb = { root, images: readImages(root) };
  return [...cachedDb.images, ...readImages(local)];
}
