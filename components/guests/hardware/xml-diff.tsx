"use client";

import { useTranslations } from "next-intl";
import type { DiffLine } from "@/lib/text/line-diff";
import { Table } from "@/components/ui/table";

/** Unchanged lines kept around each change; longer unchanged runs fold into one line. */
const CONTEXT = 3;

type Shown = DiffLine | { kind: "fold"; count: number };

function fold(diff: DiffLine[]): Shown[] {
  const near = diff.map(() => false);
  diff.forEach((l, i) => {
    if (l.kind === "same") return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(diff.length - 1, i + CONTEXT); j++) near[j] = true;
  });
  const out: Shown[] = [];
  diff.forEach((l, i) => {
    if (near[i]) out.push(l);
    else if (out.at(-1)?.kind === "fold") (out.at(-1) as { count: number }).count++;
    else out.push({ kind: "fold", count: 1 });
  });
  return out;
}

const styles = {
  same: "",
  added: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  removed: "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200",
} as const;

/** A unified line diff of the loaded and the edited XML. */
export function XmlDiff({ diff }: { diff: DiffLine[] }) {
  const t = useTranslations("hardware.xml");
  if (!diff.some((l) => l.kind !== "same")) return <p className="text-sm text-slate-500">{t("noChanges")}</p>;
  return (
    <div
      role="region"
      aria-label={t("changes")}
      data-testid="xml-diff"
      className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 font-mono text-xs dark:border-slate-800"
    >
      <Table
        label={t("changedLines")}
        variant="bare"
        dense
        columns={[{ label: t("oldLine") }, { label: t("newLine") }, { label: t("text") }]}
      >
        {fold(diff).map((l, i) =>
          l.kind === "fold" ? (
            <tr key={i} className="bg-slate-50 text-slate-500 dark:bg-slate-800/50">
              <td colSpan={3} className="px-2 py-0.5">
                {t("unchanged", { count: l.count })}
              </td>
            </tr>
          ) : (
            <tr key={i} data-kind={l.kind} className={styles[l.kind]}>
              <td className="w-10 px-1 text-right text-slate-500 select-none">{l.oldLine ?? ""}</td>
              <td className="w-10 px-1 text-right text-slate-500 select-none">{l.newLine ?? ""}</td>
              <td className="px-2 whitespace-pre">
                <span aria-hidden>{l.kind === "added" ? "+ " : l.kind === "removed" ? "- " : "  "}</span>
                {l.kind === "same" ? null : <span className="sr-only">{t(`kind.${l.kind}`)}: </span>}
                {l.text}
              </td>
            </tr>
          ),
        )}
      </Table>
    </div>
  );
}
