import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { BaselineProblem, MemberProblem } from "@/lib/host-clusters/fitness";

type Problem = MemberProblem | { key: "noHostModel" };

/** Says members' problems and the baseline's in the page's language; an older row's text as it is. */
export function useClusterWords() {
  const t = useTranslations("clusterWords");
  const member = useCallback((p: Problem) => t(p.key, p as never), [t]);
  const baseline = useCallback(
    (p: BaselineProblem | string) => {
      if (typeof p === "string") return p;
      if (p.key === "libvirtFailed") return t(p.key, { error: p.error });
      const members = p.members.map((m) => t("memberWhy", { name: m.name, why: member(m.problem) })).join(t("listSeparator"));
      return t(p.key, { members });
    },
    [t, member],
  );
  return { member, baseline };
}
