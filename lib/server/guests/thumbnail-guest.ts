import "server-only";
import type { VerbContext } from "../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import { ApiError } from "../http/errors";
import { processSingleton } from "../process-singleton";
import { encodePng, parsePpm } from "../images/png";
import { scaleDown } from "../images/scale";
import { resolveGuest } from "./guest-target";

/** Widths a thumbnail comes in (few, so the cache is shared by everyone asking). */
export const thumbnailWidths = [240, 320, 480] as const;
export type ThumbnailWidth = (typeof thumbnailWidths)[number];

/** How long one screenshot serves everybody: many open home pages cost one screenshot per guest per period. */
export const THUMBNAIL_TTL_MS = 3000;

type Entry = { at: number; png: Promise<Buffer> };
const cache = () => processSingleton("thumbnails", () => new Map<string, Entry>());

/**
 * A small PNG of the guest's screen for the home page's cards: libvirt's screenshot stream, scaled down,
 * cached per guest and width for a few seconds and shared by concurrent callers. Reading only.
 */
export async function guestThumbnail(
  _ctx: VerbContext,
  { hostId, uuid, w: width }: GuestRef & { w: ThumbnailWidth },
  now = Date.now(),
): Promise<{ png: Buffer; at: number }> {
  const entries = cache();
  const id = `${hostId}/${uuid}/${width}`;
  const hit = entries.get(id);
  if (hit && now - hit.at < THUMBNAIL_TTL_MS) return { png: await hit.png, at: hit.at };
  for (const [k, e] of entries) if (now - e.at >= THUMBNAIL_TTL_MS) entries.delete(k);
  const png = shoot(hostId, uuid, width);
  entries.set(id, { at: now, png });
  png.catch(() => entries.delete(id));
  return { png: await png, at: now };
}

async function shoot(hostId: string, uuid: string, width: number): Promise<Buffer> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  if (!(await lv.domains.isActive(dom))) throw new ApiError(409, { key: "noScreen" });
  const { mime, data } = await lv.domains.screenshot(dom);
  // QEMU writes PPM; another driver's PNG is passed on as it is.
  return mime === "image/png" ? data : encodePng(scaleDown(parsePpm(data), width));
}
