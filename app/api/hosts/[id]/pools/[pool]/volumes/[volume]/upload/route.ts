import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { hostScope } from "@/lib/guests/types";
import { ApiError, invalidFields } from "@/lib/server/http/errors";
import { fieldErrors, route } from "@/lib/server/http/route";
import { uploadVolume } from "@/lib/server/storage/upload-volume";
import { uploadQuerySchema, volumeNameSchema, volumeRouteParams } from "@/lib/validations/storage";

/**
 * The file is the request body (streamed, never held whole in memory); size, "new volume" and an
 * optional expected SHA-256 come in the query. A new volume's name must follow the naming rules.
 */
export const PUT = route(
  { permission: "storage.manage", params: volumeRouteParams, scope: hostScope, query: uploadQuerySchema },
  async ({ req, ctx, params, query }) => {
    if (!req.body) throw new ApiError(400, { key: "sendFileAsBody" });
    const create = query.create === "1";
    if (create) {
      const name = volumeNameSchema.safeParse(params.volume);
      if (!name.success) throw invalidFields({ name: fieldErrors(name.error)._ });
    }
    const body = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
    return uploadVolume(ctx, { ...params, sizeBytes: query.sizeBytes, create, sha256: query.sha256, body, signal: req.signal });
  },
);
