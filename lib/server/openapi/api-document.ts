import "server-only";
import type { VerbContext } from "../verb-context";
import { buildOpenApi, type RouteModule } from "./document";
import { routeModules } from "./route-modules";

/** Where the document itself is served; the route index leaves that route out (it would import itself through the index). */
const DOCUMENT_PATH = "/api/openapi.json";

export type ApiDocument = ReturnType<typeof buildOpenApi>;

let built: ApiDocument | undefined;

/** This API's OpenAPI 3.1 document, built once from the routes' specs; `self` is the document route's module. Reading only. */
export function apiDocument(_ctx: VerbContext, { self }: { self: RouteModule["module"] }): ApiDocument {
  built ??= buildOpenApi([...routeModules, { path: DOCUMENT_PATH, module: self }]);
  return built;
}
