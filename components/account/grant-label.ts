"use client";

import { useTranslations } from "next-intl";
import type { Grant } from "@/lib/roles";

type Labelled = Pick<Grant, "role" | "scope"> & { hostId?: string | null; guestUuid?: string | null; tag?: string | null };

/**
 * A grant in words, in the person's language: "operator everywhere", "viewer on host lab-1", "helpdesk on guests
 * tagged web", "helpdesk on guest … of host lab-1".
 */
export function useGrantLabel(hostNames: Map<string, string>): (g: Labelled) => string {
  const t = useTranslations("roles");
  return (g) => {
    const role = t(`name.${g.role}`);
    const host = g.hostId ? (hostNames.get(g.hostId) ?? g.hostId) : "";
    if (g.scope === "global") return t("grant.global", { role });
    if (g.scope === "host") return t("grant.host", { role, host });
    if (g.scope === "tag") return t("grant.tag", { role, tag: g.tag ?? "" });
    return t("grant.guest", { role, guest: g.guestUuid ?? "", host });
  };
}
