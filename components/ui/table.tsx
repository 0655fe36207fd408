export type Column = { label: string; className?: string };

/** A bordered, scrollable table with a muted header row; the rows are the children. */
export function Table({ columns, children }: { columns: Column[]; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs text-slate-500 uppercase dark:bg-slate-900">
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={`px-3 py-2 ${c.className ?? ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
