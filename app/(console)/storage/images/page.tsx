import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImagesView } from "@/components/images/images-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imageLibrary"))("title") };
}

/** Storage → Image library: a tab of Storage, as the pools are, for the same people. */
export default async function ImagesPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("imageLibrary")]);
  if (!mayOpen(navItem("/storage"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/storage" className="text-sm text-blue-700 hover:underline dark:text-blue-400">
            {t("toPools")}
          </Link>
        }
      />
      <ImagesView grants={actor.grants} />
    </>
  );
}
