import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StorageView } from "@/components/storage/storage-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("storage"))("title") };
}

export default async function StoragePage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("storage")]);
  if (!mayOpen(navItem("/storage"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/storage/images" className="text-sm text-blue-700 hover:underline dark:text-blue-400">
            {t("imageLibrary")}
          </Link>
        }
      />
      <StorageView grants={actor.grants} />
    </>
  );
}
