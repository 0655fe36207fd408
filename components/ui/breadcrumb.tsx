import Link from "next/link";
import { useTranslations } from "next-intl";

/** "Section / here": the way back to a list page, above a detail page's title. */
export function Breadcrumb({ href, label, children }: { href: string; label: string; children: React.ReactNode }) {
  const t = useTranslations("ui");
  return (
    <nav aria-label={t("breadcrumb")} className="text-sm text-slate-500">
      <Link href={href} className="hover:underline">
        {label}
      </Link>{" "}
      / {children}
    </nav>
  );
}
