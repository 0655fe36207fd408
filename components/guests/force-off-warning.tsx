import { useTranslations } from "next-intl";

/** The warning virt-manager gives before a force off, worded for one guest or several. */
export function ForceOffWarning({ names }: { names: string[] }) {
  const t = useTranslations("guests");
  return (
    <p
      role="note"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      {names.length === 1 ? t("forceOffWarningOne", { name: names[0] }) : t("forceOffWarning", { count: names.length })}
    </p>
  );
}
