import { useTranslations } from "next-intl";
import { Button } from "./button";
import { Menu } from "./dropdown-menu";

/**
 * The head of every detail page (guest, host, network, storage pool): the name and its state on the left, then a line
 * of context; on the right the one primary action for the state, then every other action in the "More actions" menu.
 */
export function DetailHeader({
  title,
  state,
  description,
  actions,
  aside,
}: {
  title: string;
  state?: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  aside?: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
          <span className="break-all">{title}</span>
          {state}
        </h1>
        {description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {aside}
        {actions}
      </div>
    </div>
  );
}

/** The "More actions" menu button of a detail page; its items are `MenuItem`s, destructive ones last after a `MenuSeparator`. */
export function MoreActions({ children }: { children: React.ReactNode }) {
  const t = useTranslations("ui");
  return (
    <Menu
      label={t("moreActions")}
      trigger={
        <Button variant="secondary">
          {t("moreActions")} <span aria-hidden>▾</span>
        </Button>
      }
    >
      {children}
    </Menu>
  );
}
