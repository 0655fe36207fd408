import { useTranslations } from "next-intl";

/** Active or inactive, in virsh's words. */
export function NetworkStateBadge({ active }: { active: boolean }) {
  const t = useTranslations("networks.table");
  return (
    <span
      data-testid="network-state"
      data-state={active ? "active" : "inactive"}
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${
        active
          ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
          : "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
      }`}
    >
      {active ? t("active") : t("inactive")}
    </span>
  );
}
