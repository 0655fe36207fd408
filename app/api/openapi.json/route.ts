import { route } from "@/lib/server/http/route";
import { apiDocument, type ApiDocument } from "@/lib/server/openapi/api-document";

/** The OpenAPI 3.1 document of this API (built once per process from the routes' specs). */
export const GET = route({ permission: "authenticated", summary: "This API's OpenAPI 3.1 document" }, async ({ ctx }): Promise<ApiDocument> =>
  apiDocument(ctx, { self: { GET } }),
);
