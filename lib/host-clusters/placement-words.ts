// Shared by server and browser: placement's reasons (placement.ts) in a translator's words, so the wizard says
// them in the page's language and the server in English for its log.
import type { useTranslations } from "next-intl";
import type { PlacementReason, PlacementRefusal } from "./placement";

/** A translator over messages "placementWords" (next-intl's, on a page or on the server). */
export type PlacementWordsTranslator = ReturnType<typeof useTranslations<"placementWords">>;

export function refusalText(t: PlacementWordsTranslator, why: PlacementRefusal): string {
  const { key, ...values } = why;
  return t(key, values);
}

export function placementText(t: PlacementWordsTranslator, reason: PlacementReason): string {
  if (reason.key === "noneAble") {
    const detail = reason.refused.map((r) => t("refusedMember", { name: r.name, why: refusalText(t, r.why) })).join(t("listSeparator"));
    return t("noneAble", { detail });
  }
  if (reason.key === "chosen") {
    const { key, ...values } = reason;
    return t(key, { ...values, near: values.tags ? "yes" : "no" });
  }
  if (reason.key === "migrationEnded") return t(reason.key, { status: reason.status });
  return t(reason.key);
}
