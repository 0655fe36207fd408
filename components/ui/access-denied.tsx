import { useTranslations } from "next-intl";

export function AccessDenied() {
  const t = useTranslations("ui");
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-6 py-8 dark:border-amber-700 dark:bg-amber-950">
      <h1 className="text-lg font-semibold">{t("accessDeniedTitle")}</h1>
      <p className="mt-1 text-sm">{t("accessDeniedBody")}</p>
    </div>
  );
}
