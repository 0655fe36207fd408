import { Validator } from "@seriousme/openapi-schema-validator";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { exampleOf } from "@/lib/openapi/example";
import { buildOpenApi, httpMethods, openApiPath, specOf } from "@/lib/server/openapi/document";
import { routeModules } from "@/lib/server/openapi/route-modules";
import { routeFiles } from "@/scripts/gen-api-index";

// The document is made from the routes' own specs; these tests fail when a route is missing from it, when it
// says something the route's validation does not hold to, or when it is not valid OpenAPI 3.1.

const self = { path: "/api/openapi.json", module: { GET: (() => undefined) as unknown } };
const doc = buildOpenApi([...routeModules, self]);

/** Every exported HTTP method of every route file, as the files say it. */
function declaredOperations(): string[] {
  return [...routeFiles(), { urlPath: "/api/openapi.json", file: "app/api/openapi.json/route.ts" }]
    .flatMap(({ urlPath, file }) =>
      [...readFileSync(file, "utf8").matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
        (m) => `${m[1]} ${openApiPath(urlPath)}`,
      ),
    )
    .sort();
}

describe("the OpenAPI document", () => {
  it("indexes every route module (run npm run gen:api-index after adding or removing a route)", () => {
    expect(routeModules.map((r) => r.path)).toEqual(routeFiles().map((r) => r.urlPath));
  });

  it("has every route and method the files export, and nothing else", () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((op) => op !== "GET /api/openapi.json");
    expect([...documented, "GET /api/openapi.json"].sort()).toEqual(declaredOperations());
  });

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  // For each route that validates a body: an example made from the document alone passes the route's own schema
  // (or fails only on cross-field rules JSON Schema cannot say), and leaving out what the document calls
  // required, or sending the wrong type, is refused by the route.
  for (const { path, module } of routeModules) {
    for (const method of httpMethods) {
      const spec = specOf(module[method]);
      if (!spec?.body) continue;
      const operation = (doc.paths[openApiPath(path)] as Record<string, { requestBody: { content: Record<string, { schema: object }> } }>)[
        method.toLowerCase()
      ];
      const documented = operation.requestBody.content["application/json"].schema as Record<string, unknown>;
      it(`${method} ${path}: the documented body agrees with the route's validation`, () => {
        const body = spec.body as z.ZodType;
        const example = exampleOf(documented);
        const parsed = body.safeParse(example);
        if (!parsed.success) expect(parsed.error.issues.filter((i) => i.code !== "custom")).toEqual([]);
        expect(body.safeParse(42).success).toBe(false);
        const required = (documented.required as string[] | undefined) ?? [];
        for (const key of required) {
          const without = { ...(example as Record<string, unknown>) };
          delete without[key];
          expect(body.safeParse(without).success, `${key} is documented as required`).toBe(false);
        }
      });
    }
  }
});
