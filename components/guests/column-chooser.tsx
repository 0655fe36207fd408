"use client";

import { useEffect, useRef, useState } from "react";
import { columns, type ColumnId } from "./table-model";

/** "Columns" popover: a checkbox per hideable column; the choice is stored per browser by the caller. */
export function ColumnChooser({ hidden, onChange }: { hidden: ColumnId[]; onChange: (hidden: ColumnId[]) => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
      >
        Columns
      </button>
      {open ? (
        <fieldset className="absolute right-0 z-30 mt-1 w-52 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <legend className="sr-only">Shown columns</legend>
          {columns
            .filter((c) => c.hideable)
            .map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={!hidden.includes(c.id)}
                  onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])}
                />
                {c.label}
              </label>
            ))}
        </fieldset>
      ) : null}
    </div>
  );
}
