// A guest's or host's tags as small chips (read-only).
export function TagChips({ tags, label }: { tags: readonly string[]; label: string }) {
  if (!tags.length) return <span className="text-slate-400">—</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {tags.map((t) => (
        <li key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {t}
        </li>
      ))}
    </ul>
  );
}
