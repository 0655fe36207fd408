import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { ApiError } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { ovaImportProgress } from "@/lib/server/ova/import-progress";
import { receiveOva } from "@/lib/server/ova/receive-ova";
import { ovaProgressQuerySchema, ovaQuerySchema } from "@/lib/validations/new-guest";

/** An appliance (.ova) as the request body (streamed to the console's scratch directory, never held in memory); its size in the query. */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, query: ovaQuerySchema },
  async ({ req, ctx, params, query }) => {
    if (!req.body) throw new ApiError(400, { key: "sendFileAsBody" });
    const body = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
    return receiveOva(ctx, { ...params, sizeBytes: query.sizeBytes, body, signal: req.signal });
  },
);

/** How far Finish has converted an appliance of the person's (its job), while the wizard waits for Finish's answer. */
export const GET = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, query: ovaProgressQuerySchema },
  async ({ ctx, params, query }) => ovaImportProgress(ctx, { ...params, upload: query.upload }),
);
