import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReference, type ApiDocument } from "@/components/account/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/server/current-actor";
import { expectedOrigins } from "@/lib/server/http/origin";
import { buildOpenApi } from "@/lib/server/openapi/document";
import { routeModules } from "@/lib/server/openapi/route-modules";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requireActor();
  const get = await headers();
  const document = buildOpenApi([...routeModules, { path: "/api/openapi.json", module: { GET: openApiRoute } }]);
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every route of the console's API, who may call it, and a curl command to start from."
      />
      <ApiReference document={document as unknown as ApiDocument} origin={expectedOrigins((n) => get.get(n))[0] ?? ""} />
    </>
  );
}
