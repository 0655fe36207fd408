import { useTranslations } from "next-intl";
import { Children } from "react";

/**
 * The one table of the console. Every list of rows is a real `<table>` with a name (`label`, or a visible `caption`),
 * column headers with `scope="col"`, an empty-state row when there are no rows, and optionally a header that stays in
 * view (`stickyHeader`) and headers that sort (`sort`, with `aria-sort` on the sorted column).
 *
 * Big lists that draw only the rows in view (the guest list, components/guests/guest-table.tsx) cannot absolutely
 * position `<tr>`s, so they are an ARIA table of `div`s instead; they take their header pieces from here
 * (`SortButton`, `ariaSort`, `headerText`) so both look and read the same.
 */

export type SortDir = "asc" | "desc";
export type SortState<K extends string = string> = { column: K; dir: SortDir };

export type Column<K extends string = string> = {
  /** The header's text; read by screen readers even when `hidden`. Unique within a table. */
  label: string;
  /** Keep the header for screen readers only (an actions column, a diff's line numbers). */
  hidden?: boolean;
  /** Right-aligned header (numbers). Cells align themselves. */
  numeric?: boolean;
  /** Extra classes for the header cell, such as a width. */
  className?: string;
  /** The column sorts by this key when the table has `sort`. */
  sortKey?: K;
};

/** The `aria-sort` value of a header: only a sortable column has one. */
export function ariaSort(sortable: boolean, active: boolean, dir: SortDir): "ascending" | "descending" | "none" | undefined {
  if (!sortable) return undefined;
  if (!active) return "none";
  return dir === "asc" ? "ascending" : "descending";
}

/** Classes of a header's text, shared by the `<table>` and the virtualised variant. */
export const headerText = "text-xs font-medium whitespace-nowrap text-slate-500 uppercase dark:text-slate-400";

/** The button inside a sortable header: its label, and an arrow on the sorted column. */
export function SortButton({ label, active, dir, onClick }: { label: string; active: boolean; dir: SortDir; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="inline-flex items-center gap-1 whitespace-nowrap uppercase hover:text-slate-900 dark:hover:text-slate-100"
    >
      {label}
      <span aria-hidden className={active ? "" : "invisible"}>
        {dir === "asc" ? "▲" : "▼"}
      </span>
    </button>
  );
}

type TableProps<K extends string> = {
  /** The table's accessible name when it has no visible caption. */
  label: string;
  /** A visible caption instead of the hidden name. */
  caption?: React.ReactNode;
  columns: Column<K>[];
  /** The rows (`<tr>`, e.g. `<Row>`); none shows `empty`. */
  children: React.ReactNode;
  /** What the empty-state row says. */
  empty?: React.ReactNode;
  sort?: { state: SortState<K>; onSort: (column: K) => void };
  /** Keep the header in view while the rows scroll; give `className` a max height (`max-h-96`) so the table scrolls. */
  stickyHeader?: boolean;
  /** "boxed" (default) draws a border around the table; "plain" for a table inside a card; "bare" adds no header row. */
  variant?: "boxed" | "plain" | "bare";
  /** Small type, for dense data such as a diff. */
  dense?: boolean;
  className?: string;
  testId?: string;
};

export function Table<K extends string = string>({
  label,
  caption,
  columns,
  children,
  empty,
  sort,
  stickyHeader,
  variant = "boxed",
  dense,
  className,
  testId,
}: TableProps<K>) {
  const t = useTranslations("ui");
  const rows = Children.toArray(children);
  const bare = variant === "bare";
  const frame =
    variant === "boxed"
      ? "overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      : "overflow-auto";
  return (
    <div className={`${frame} ${className ?? ""}`}>
      <table className={`w-full text-left ${dense ? "text-xs" : "text-sm"}`} aria-label={caption ? undefined : label} data-testid={testId}>
        {caption ? <caption className="px-3 py-2 text-left text-sm font-semibold">{caption}</caption> : null}
        <thead className={`${variant === "boxed" ? "bg-slate-50 dark:bg-slate-900" : ""} ${stickyHeader ? "sticky top-0 z-10" : ""}`}>
          <tr className={bare ? "" : "border-b border-slate-200 dark:border-slate-800"}>
            {columns.map((c) => {
              const sortable = Boolean(sort && c.sortKey);
              const active = sortable && sort?.state.column === c.sortKey;
              return (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={ariaSort(sortable, active, sort?.state.dir ?? "asc")}
                  className={`${bare ? "p-0" : "px-3 py-2"} ${headerText} ${c.numeric ? "text-right" : ""} ${c.className ?? ""}`}
                >
                  {c.hidden || bare ? (
                    <span className="sr-only">{c.label}</span>
                  ) : sort && c.sortKey ? (
                    <SortButton label={c.label} active={active} dir={sort.state.dir} onClick={() => sort.onSort(c.sortKey as K)} />
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length > 0 ? (
            rows
          ) : (
            <tr data-testid="table-empty">
              <td colSpan={columns.length} className="px-3 py-4 text-center text-slate-500 dark:text-slate-400">
                {empty ?? t("nothingToShow")}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = React.ComponentProps<"tr">;

/** A body row with the table's divider. */
export function Row({ className, ...props }: RowProps) {
  return <tr className={`border-t border-slate-100 first:border-0 dark:border-slate-800 ${className ?? ""}`} {...props} />;
}

/** A body cell with the table's padding, top-aligned; `numeric` right-aligns with even digits. */
export function Cell({ className, numeric, ...props }: React.ComponentProps<"td"> & { numeric?: boolean }) {
  return <td className={`px-3 py-2 align-top ${numeric ? "text-right tabular-nums" : ""} ${className ?? ""}`} {...props} />;
}
