"use client";

import { useTranslations } from "next-intl";
import { Menu, MenuCheckboxItem } from "@/components/ui/dropdown-menu";
import { columns, type ColumnId } from "./table-model";

/** "Columns" menu: a tick per hideable column; the choice is stored per browser by the caller. */
export function ColumnChooser({ hidden, onChange }: { hidden: ColumnId[]; onChange: (hidden: ColumnId[]) => void }) {
  const t = useTranslations("guests");
  return (
    <Menu
      label={t("shownColumns")}
      trigger={
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
        >
          {t("columns")}
        </button>
      }
    >
      {columns
        .filter((c) => c.hideable)
        .map((c) => (
          <MenuCheckboxItem
            key={c.id}
            checked={!hidden.includes(c.id)}
            onCheckedChange={(shown) => onChange(shown ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])}
          >
            {t(`column.${c.id}`)}
          </MenuCheckboxItem>
        ))}
    </Menu>
  );
}
