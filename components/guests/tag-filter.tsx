"use client";

import { useTranslations } from "next-intl";
import { parseSearch, toggleTagInSearch } from "./table-model";

/**
 * The tags on the listed guests as toggles: each adds or removes `tag:x` in the search, so the list shows only
 * the guests carrying it (typing `tag:x` does the same). With a tag chosen, "Select these" hands every guest
 * shown to the bulk bar.
 */
export function TagFilter({
  counts,
  search,
  onSearch,
  shown,
  onSelectShown,
}: {
  counts: { tag: string; count: number }[];
  search: string;
  onSearch: (search: string) => void;
  shown: number;
  onSelectShown: (() => void) | null;
}) {
  const t = useTranslations("guests");
  const chosen = parseSearch(search).tags;
  if (!counts.length && !chosen.length) return null;
  const tags = [...counts, ...chosen.filter((t) => !counts.some((c) => c.tag === t)).map((tag) => ({ tag, count: 0 }))];
  return (
    <div className="mb-3 flex flex-wrap items-center gap-1">
      <div role="group" aria-label={t("filterByTag")} className="flex flex-wrap gap-1">
        {tags.map(({ tag, count }) => {
          const on = chosen.includes(tag);
          return (
            <button
              key={tag}
              type="button"
              aria-pressed={on}
              onClick={() => onSearch(toggleTagInSearch(search, tag))}
              className={`rounded-full border px-3 py-1 text-xs ${on ? "border-emerald-700 bg-emerald-700 text-white" : "border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"}`}
            >
              #{tag} ({count})
            </button>
          );
        })}
      </div>
      {chosen.length > 0 && onSelectShown && shown > 0 ? (
        <button type="button" onClick={onSelectShown} className="ml-2 text-xs text-blue-700 underline dark:text-blue-400">
          {t("selectShown", { count: shown })}
        </button>
      ) : null}
    </div>
  );
}
