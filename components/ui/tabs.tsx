"use client";

import { Tabs as Radix } from "radix-ui";

/**
 * A tab list on Radix Tabs: the ARIA tab pattern with arrow keys, Home and End moving between tabs (one Tab stop for
 * the list). `tabs` are the choices in order; `children` are the `TabPanel`s (only the selected one is mounted);
 * `after` sits at the end of the row, outside the tab list (links that are not tabs).
 */
export function Tabs<T extends string>({
  value,
  onValueChange,
  label,
  tabs,
  after,
  children,
  className = "space-y-5",
}: {
  value: T;
  onValueChange: (value: T) => void;
  label: string;
  tabs: readonly { value: T; label: string }[];
  after?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <Radix.Root value={value} onValueChange={(v) => onValueChange(v as T)} className={className}>
      <div className="flex flex-wrap items-end gap-1 border-b border-slate-200 text-sm dark:border-slate-800">
        <Radix.List aria-label={label} className="flex flex-wrap gap-1">
          {tabs.map((t) => (
            <Radix.Trigger
              key={t.value}
              value={t.value}
              className="-mb-px border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-slate-900 data-[state=active]:border-blue-600 data-[state=active]:font-medium data-[state=active]:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100 dark:data-[state=active]:text-slate-100"
            >
              {t.label}
            </Radix.Trigger>
          ))}
        </Radix.List>
        {after}
      </div>
      {children}
    </Radix.Root>
  );
}

export function TabPanel({ value, children, className = "space-y-5" }: { value: string; children: React.ReactNode; className?: string }) {
  return (
    <Radix.Content value={value} className={`outline-none ${className}`}>
      {children}
    </Radix.Content>
  );
}
