"use client";

import { Menu, MenuCheckboxItem } from "@/components/ui/dropdown-menu";
import { columns, type ColumnId } from "./table-model";

/** "Columns" menu: a tick per hideable column; the choice is stored per browser by the caller. */
export function ColumnChooser({ hidden, onChange }: { hidden: ColumnId[]; onChange: (hidden: ColumnId[]) => void }) {
  return (
    <Menu
      label="Shown columns"
      trigger={
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
        >
          Columns
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
            {c.label}
          </MenuCheckboxItem>
        ))}
    </Menu>
  );
}
