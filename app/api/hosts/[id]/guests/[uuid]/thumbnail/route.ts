import { z } from "zod";
import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { guestThumbnail, THUMBNAIL_TTL_MS, thumbnailWidths, type ThumbnailWidth } from "@/lib/server/guests/thumbnail-guest";
import { route } from "@/lib/server/http/route";

const query = z.object({
  w: z.coerce
    .number()
    .default(320)
    .refine((w) => (thumbnailWidths as readonly number[]).includes(w), `A width of ${thumbnailWidths.join(", ")}`)
    .transform((w) => w as ThumbnailWidth),
});

/** A small PNG of the guest's screen (the home page's cards); a few seconds old at most, shared by everyone looking. */
export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope, query }, async ({ params, query }) => {
  const { png, at } = await guestThumbnail(params.hostId, params.uuid, query.w);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Cache-Control": `private, max-age=${Math.floor(THUMBNAIL_TTL_MS / 1000)}`,
      "Last-Modified": new Date(at).toUTCString(),
    },
  });
});
