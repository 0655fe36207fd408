// Paths and calls of the image library API, shared by the library page and the new-guest wizard.
import { api } from "@/lib/client/api";
import type { ImageRow } from "@/lib/images/types";

const enc = encodeURIComponent;
export const imagesPath = (hostId: string) => `/api/hosts/${enc(hostId)}/images`;
export const imagePath = (hostId: string, id: string) => `${imagesPath(hostId)}/${enc(id)}`;
export const imagesQueryKey = (hostId: string) => ["images", hostId] as const;
export const fetchImages = (hostId: string) => api<{ images: ImageRow[] }>(imagesPath(hostId)).then((r) => r.images);

/** The volume name an image gets by default: the file's, with .qcow2 for formats that are converted. */
export function volumeNameFor(fileName: string): string {
  const base = fileName
    .replace(/[?#].*$/, "")
    .replace(/^.*\//, "")
    .replace(/[^A-Za-z0-9._+-]/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/\.\.+/g, ".");
  return base.replace(/\.(vmdk|vhdx|vhd|vdi)$/i, ".qcow2");
}
