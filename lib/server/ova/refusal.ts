import "server-only";
import { OvaProblem } from "@/lib/ova/problems";
import { DiskImageError } from "../disk-images/qemu-img";
import { ApiError } from "../http/errors";

/** An appliance refused for what it holds: said in the person's words, 422 (the upload itself went fine). */
export function ovaRefusal(err: OvaProblem | DiskImageError, file?: string): ApiError {
  if (err instanceof DiskImageError)
    return new ApiError(err.reason === "tool" ? 500 : 422, { key: "ovaDiskUnreadable", values: { file: file ?? "", reason: err.message } });
  return new ApiError(err.key === "ovaTooLarge" ? 413 : err.key === "ovaNoScratchSpace" ? 507 : 422, { key: err.key, values: err.values });
}
