import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { importImage } from "@/lib/server/disk-images/import-image";
import { listImages } from "@/lib/server/disk-images/list-images";
import { route } from "@/lib/server/http/route";
import { imageUrlImportSchema } from "@/lib/validations/images";

export const GET = route({ permission: "storage.view", params: hostRouteParams, scope: hostScope }, async ({ ctx, params }) => ({
  images: await listImages(ctx, params),
}));

/** An import from a URL (fetched by the console through the guarded fetch): answers with the job at once. */
export const POST = route(
  { permission: "storage.manage", params: hostRouteParams, scope: hostScope, body: imageUrlImportSchema },
  async ({ ctx, params, body: { url, ...body } }) => (await importImage(ctx, { ...params, ...body, source: { kind: "url", url } })).job,
);
