import { readFileSync } from "node:fs";
import path from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { DEFAULT_OSINFO_ROOT, listVendorFiles } from "./database";

/** A ready-made disk image osinfo-db lists for an OS (`<image>`): a cloud image when it reads cloud-init. */
export type CloudImage = {
  /** The OS's osinfo id, e.g. "http://ubuntu.com/ubuntu/22.04". */
  osId: string;
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
    return elements(os, "image").flatMap((image) => {
      const url = elements(image, "url")[0]?.textContent?.trim() ?? "";
      if (!osId || !url) return [];
      return [
        {
          osId,
          arch: image.getAttribute("arch") ?? "x86_64",
          format: image.getAttribute("format") ?? "raw",
          cloudInit: image.getAttribute("cloud-init") === "true",
          url,
        },
      ];
    });
  });
}

let cached: { root: string; images: CloudImage[] } | null = null;

/**
 * Every disk image osinfo-db lists that the console can download (HTTP or HTTPS), read once per process. Only the
 * few dozen files that mention an image are parsed (the OS database itself drops `<url>` text for speed).
 */
export function listCloudImages(root = DEFAULT_OSINFO_ROOT): CloudImage[] {
  if (cached?.root === root) return cached.images;
  const images = listVendorFiles(path.join(root, "os"), false).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    if (!text.includes("<image")) return [];
    try {
      return parseCloudImages(text).filter((i) => DOWNLOADABLE_SCHEMES.some((s) => i.url.startsWith(`${s}//`)));
    } catch {
      return [];
    }
  });
  cached = { root, images };
  return images;
}
