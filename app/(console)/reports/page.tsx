import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { mayOpen, navItem } from "@/lib/navigation";
import { requireActor } from "@/lib/server/current-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

const reports = [
  { href: "/reports/usage", key: "usage" },
  { href: "/reports/right-sizing", key: "rightSizing" },
] as const;

export default async function ReportsPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("reports")]);
  if (!mayOpen(navItem("/reports"), actor.grants)) return <AccessDenied />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ul className="grid gap-4 md:grid-cols-2">
        {reports.map((r) => (
          <li key={r.href} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <Link href={r.href} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
              {t(`${r.key}.title`)}
            </Link>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t(`${r.key}.text`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
