"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Phrase } from "@/lib/guests/hardware/device-words";
import { useDeviceWords } from "./use-device-words";

/** The drag handle's picture (not a word). */
const GRIP = "⋮⋮";

export type BootRow = { key: string; label: Phrase[]; enabled: boolean };

const move = (rows: BootRow[], from: number, to: number): BootRow[] => {
  if (to < 0 || to >= rows.length || from === to) return rows;
  const next = [...rows];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row);
  return next;
};

/** The boot order: a tick per device, drag and drop to reorder, and Up/Down buttons for keyboards (and tests). */
export function BootList({ rows, onChange, disabled }: { rows: BootRow[]; onChange: (rows: BootRow[]) => void; disabled: boolean }) {
  const t = useTranslations("hardware.boot");
  const said = useDeviceWords();
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const idBase = useId();
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("noDevices")}</p>;
  return (
    <ol
      aria-label={t("orderList")}
      className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
    >
      {rows.map((row, i) => {
        const id = `${idBase}-${row.key}`;
        const label = said.title(row.label);
        return (
          <li
            key={row.key}
            draggable={!disabled}
            onDragStart={(e) => {
              setDragged(i);
              e.dataTransfer.effectAllowed = "move";
              // Firefox starts a drag only with some data set.
              e.dataTransfer.setData("text/plain", row.key);
            }}
            onDragOver={(e) => {
              if (dragged === null) return;
              e.preventDefault();
              setOver(i);
            }}
            onDragLeave={() => setOver((o) => (o === i ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null) onChange(move(rows, dragged, i));
              setDragged(null);
              setOver(null);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            className={`flex items-center gap-3 px-3 py-2 text-sm ${disabled ? "" : "cursor-grab"} ${over === i && dragged !== i ? "bg-blue-50 dark:bg-blue-950" : ""} ${dragged === i ? "opacity-50" : ""}`}
          >
            <span aria-hidden className="text-slate-400 select-none">
              {GRIP}
            </span>
            <input
              id={id}
              type="checkbox"
              className="h-4 w-4"
              checked={row.enabled}
              disabled={disabled}
              onChange={(e) => onChange(rows.map((r) => (r.key === row.key ? { ...r, enabled: e.target.checked } : r)))}
            />
            <label htmlFor={id} className="flex-1">
              {label}
            </label>
            {disabled ? null : (
              <span className="flex gap-1">
                <Button
                  type="button"
                  variant="ghost"
                  className="px-2 py-1"
                  aria-label={t("moveUp", { device: label })}
                  disabled={i === 0}
                  onClick={() => onChange(move(rows, i, i - 1))}
                >
                  ↑
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  className="px-2 py-1"
                  aria-label={t("moveDown", { device: label })}
                  disabled={i === rows.length - 1}
                  onClick={() => onChange(move(rows, i, i + 1))}
                >
                  ↓
                </Button>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
