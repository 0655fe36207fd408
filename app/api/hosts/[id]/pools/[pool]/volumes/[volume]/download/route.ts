import { Readable } from "node:stream";
import { hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { downloadVolume } from "@/lib/server/storage/download-volume";
import { volumeRouteParams } from "@/lib/validations/storage";

/** The volume's bytes as a file download; only for people who may change storage (a disk holds a guest's data). */
export const GET = route({ permission: "storage.manage", params: volumeRouteParams, scope: hostScope }, async ({ params, req }) => {
  const { stream, length } = await downloadVolume(params.hostId, params.pool, params.volume);
  req.signal.addEventListener("abort", () => stream.destroy());
  const headers: Record<string, string> = {
    "Content-Type": "application/octet-stream",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(params.volume)}`,
    "Cache-Control": "no-store",
  };
  if (length !== null) headers["Content-Length"] = String(length);
  return new Response(Readable.toWeb(stream) as ReadableStream, { headers });
});
