import "server-only";
import type { OvaSummary } from "@/lib/ova/summary";
import { DOWNLOAD_MS } from "../disk-images/import-image";
import { ApiError } from "../http/errors";
import { fetchRefusal } from "../net/fetch-error";
import { guardedGet } from "../net/guarded-fetch";
import type { VerbContext } from "../verb-context";
import { receiveOva } from "./receive-ova";
import { ovaMaxBytes } from "./scratch";

/**
 * "Import a virtual appliance (OVA)" from a URL: the console downloads it through the guarded fetch (address
 * rules, redirects checked one by one, size and time limits) and then checks it exactly as an upload. The server
 * must say the file's size (Content-Length): the scratch space and a download cut short are judged by it.
 */
export async function fetchOva(
  ctx: VerbContext,
  { hostId, url, signal }: { hostId: string; url: string; signal: AbortSignal },
): Promise<OvaSummary> {
  const response = await guardedGet(url, { maxBytes: ovaMaxBytes(), timeoutMs: DOWNLOAD_MS }).catch((err: unknown) => {
    throw fetchRefusal(err, url);
  });
  if (response.size === null) {
    response.body.destroy();
    throw new ApiError(409, { key: "ovaSizeUnknown", values: { url } });
  }
  return receiveOva(ctx, { hostId, sizeBytes: response.size, body: response.body, signal });
}
