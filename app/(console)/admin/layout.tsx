import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccessDenied } from "@/components/ui/access-denied";
import { requireActor } from "@/lib/server/current-actor";
import { isAdmin } from "@/lib/roles";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("admin.nav")]);
  if (!isAdmin(actor.grants)) return <AccessDenied />;
  return (
    <>
      <nav aria-label={t("label")} className="mb-6 flex gap-4 border-b border-slate-200 text-sm dark:border-slate-800">
        <Link href="/admin/users" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("users")}
        </Link>
        <Link href="/admin/audit" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("audit")}
        </Link>
        <Link href="/admin/sign-in" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("signIn")}
        </Link>
        <Link href="/admin/clusters" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("clusters")}
        </Link>
        <Link href="/admin/quotas" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("quotas")}
        </Link>
        <Link href="/admin/settings" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("settings")}
        </Link>
      </nav>
      {children}
    </>
  );
}
