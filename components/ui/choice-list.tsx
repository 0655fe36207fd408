"use client";

import { RadioGroup } from "radix-ui";

/**
 * A scrolling list to pick one entry from (Radix RadioGroup): one Tab stop, arrow keys move and choose, the choice is
 * announced as checked. For lists too long or too rich for a <select>, such as a filtered list of operating systems.
 */
export function ChoiceList({
  label,
  value,
  onValueChange,
  choices,
}: {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  choices: readonly { value: string; label: React.ReactNode }[];
}) {
  return (
    <RadioGroup.Root
      aria-label={label}
      value={value}
      onValueChange={onValueChange}
      loop={false}
      className="max-h-64 overflow-auto rounded-md border border-slate-200 text-sm dark:border-slate-700"
    >
      {choices.map((c) => (
        <RadioGroup.Item
          key={c.value}
          value={c.value}
          className="block w-full px-3 py-1.5 text-left outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-inset data-[state=checked]:bg-blue-50 dark:hover:bg-slate-800 dark:data-[state=checked]:bg-blue-950"
        >
          {c.label}
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  );
}
