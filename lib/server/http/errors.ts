import "server-only";
import { brandError } from "@/lib/branded-error";

/** An error whose message is safe and useful to show to the person who made the request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}
export const isApiError = brandError(ApiError, "ApiError");

export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const forbidden = () => new ApiError(403, "You do not have permission to do that");
