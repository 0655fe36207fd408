import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { importImage } from "@/lib/server/disk-images/import-image";
import { ApiError } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { imageUploadQuerySchema } from "@/lib/validations/images";

/**
 * An import from the browser: the file is the body (streamed to a scratch file, never held in memory), its
 * facts the query. Answers with the job once the body is in; the page follows the job's conversion and copy.
 */
export const PUT = route(
  { permission: "storage.manage", params: hostRouteParams, scope: hostScope, query: imageUploadQuerySchema },
  async ({ req, ctx, params, query: { fileName, sizeBytes, ...query } }) => {
    if (!req.body) throw new ApiError(400, { key: "sendFileAsBody" });
    const body = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
    const { job, received } = await importImage(ctx, {
      ...params,
      ...query,
      source: { kind: "upload", fileName, sizeBytes, body, signal: req.signal },
    });
    await received;
    return job;
  },
);
