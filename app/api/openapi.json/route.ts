import { route } from "@/lib/server/http/route";
import { buildOpenApi } from "@/lib/server/openapi/document";
import { routeModules } from "@/lib/server/openapi/route-modules";

/** The OpenAPI 3.1 document of this API (built once per process from the routes' specs). */
export const GET = route({ permission: "authenticated", summary: "This API's OpenAPI 3.1 document" }, async () => {
  document ??= buildOpenApi([...routeModules, { path: "/api/openapi.json", module: { GET } }]);
  return document;
});

let document: ReturnType<typeof buildOpenApi> | undefined;
