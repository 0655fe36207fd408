import "server-only";
import { z } from "zod";
import { ROUTE_SPEC, type RouteSpec } from "../http/route";

/**
 * The OpenAPI 3.1 document of the console's API, built from the routes' own specs (route() and publicRoute()
 * keep them on the handlers): the zod schemas of params, query and body as JSON Schema 2020-12, the response
 * where a route declares one, who may call it, and how to authenticate.
 */

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export type RouteModule = { path: string; module: Record<string, unknown> };
type JsonSchema = Record<string, unknown>;

/** "/api/hosts/[id]/guests" → "/api/hosts/{id}/guests" */
export const openApiPath = (path: string) => path.replace(/\[([^\]]+)\]/g, "{$1}");

export function specOf(handler: unknown): RouteSpec | null {
  return typeof handler === "function" && ROUTE_SPEC in handler
    ? ((handler as unknown as Record<symbol, RouteSpec>)[ROUTE_SPEC] ?? null)
    : null;
}

export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // The dialect is said once for the whole document (jsonSchemaDialect).
  const result = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete result.$schema;
  return result;
}

const errorSchema = {
  type: "object",
  properties: {
    error: { type: "string", description: "What went wrong, in words to show a person" },
    fields: { type: "object", additionalProperties: { type: "string" }, description: "Per field of the request, what is wrong with it" },
  },
  required: ["error"],
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function parameters(path: string, spec: RouteSpec) {
  const out: Record<string, unknown>[] = [];
  const params = spec.params ? jsonSchema(spec.params, "input") : null;
  for (const name of [...path.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1])) {
    const schema = (params?.properties as Record<string, JsonSchema> | undefined)?.[name] ?? { type: "string" };
    out.push({ name, in: "path", required: true, schema });
  }
  if (spec.query) {
    const query = jsonSchema(spec.query, "input");
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((query.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      out.push({ name, in: "query", required: required.has(name), schema });
    }
  }
  return out;
}

function describe(spec: RouteSpec): string {
  if (spec.permission === "public") return "Open without signing in.";
  const who =
    spec.permission === "authenticated" ? "Anyone signed in." : `Needs the permission \`${spec.permission}\` on what the path names.`;
  return spec.sessionOnly ? `${who} Only from a signed-in page: API tokens are refused.` : who;
}

function operation(method: string, path: string, spec: RouteSpec) {
  const security = spec.permission === "public" ? [] : spec.sessionOnly ? [{ session: [] }] : [{ token: [] }, { session: [] }];
  const responses: Record<string, unknown> = {
    "200": {
      description: "Done",
      content: { "application/json": { schema: spec.response ? jsonSchema(spec.response, "output") : {} } },
    },
    "4XX": errorResponse(
      "Refused: 401 not signed in (or the token is not valid), 403 not allowed, 404 not found, 409 conflict, 422 invalid fields, 429 too many attempts",
    ),
  };
  return {
    operationId: `${method.toLowerCase()}${path.replace(/\[([^\]]+)\]/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: spec.summary ?? `${method} ${openApiPath(path)}`,
    description: describe(spec),
    tags: [path.split("/")[2] ?? "api"],
    "x-permission": spec.permission,
    security,
    parameters: parameters(path, spec),
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } } : {}),
    responses,
  };
}

export function buildOpenApi(modules: RouteModule[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, module } of [...modules].sort((a, b) => a.path.localeCompare(b.path))) {
    for (const method of httpMethods) {
      const spec = specOf(module[method]);
      if (!spec) continue;
      (paths[openApiPath(path)] ??= {})[method.toLowerCase()] = operation(method, path, spec);
    }
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "virt-console API",
      version: "1",
      description:
        "Every route the console's own pages use. Scripts authenticate with an API token (Your account → API tokens) in `Authorization: Bearer …`; a token may do only what it was given and what its owner may still do.",
    },
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        token: { type: "http", scheme: "bearer", description: "An API token (vct_…) made under Your account → API tokens" },
        session: { type: "apiKey", in: "cookie", name: "vc_session", description: "The session of a signed-in page" },
      },
    },
  };
}
export type OpenApiDocument = ReturnType<typeof buildOpenApi>;
