import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { ApiReference, type ApiDocument } from "@/components/account/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireActor } from "@/lib/server/current-actor";
import { expectedOrigins } from "@/lib/server/http/origin";
import { apiDocument } from "@/lib/server/openapi/api-document";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account.api"))("title") };
}

export default async function ApiReferencePage() {
  const ctx = await pageContext(await requireActor());
  const t = await getTranslations("account.api");
  const get = await headers();
  const document = apiDocument(ctx, { self: { GET: openApiRoute } });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ApiReference document={document as unknown as ApiDocument} origin={expectedOrigins((n) => get.get(n))[0] ?? ""} />
    </>
  );
}
