"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { api } from "@/lib/client/api";
import type { GuestListResponse } from "@/lib/guests/types";
import { isActive } from "@/lib/text/format";

/**
 * On a guest's page or console whose guest has left its host: if a host the person can see now has a guest
 * with the same UUID (it was migrated there), the page moves to the same page there (`subpath`, e.g.
 * "/console"). With `runningOnly`, only to a copy that runs there (the guest is still defined here, so two
 * shut-off copies would send the page back and forth). Renders a line saying so, or nothing.
 */
export function FollowMovedGuest({
  hostId,
  uuid,
  subpath = "",
  runningOnly = false,
}: {
  hostId: string;
  uuid: string;
  subpath?: string;
  runningOnly?: boolean;
}) {
  const t = useTranslations("guest");
  const router = useRouter();
  const list = useQuery({ queryKey: ["guests", "moved", uuid], queryFn: () => api<GuestListResponse>("/api/guests"), staleTime: 0 });
  const moved = list.data?.guests.find((g) => g.uuid === uuid && g.hostId !== hostId && (!runningOnly || isActive(g.state)));
  const hostName = moved ? (list.data?.hosts.find((h) => h.id === moved.hostId)?.name ?? moved.hostId) : null;
  useEffect(() => {
    if (moved) router.replace(`/guests/${encodeURIComponent(moved.hostId)}/${moved.uuid}${subpath}`);
  }, [moved, router, subpath]);
  return moved ? <p role="status">{t("movedTo", { name: moved.name, host: hostName ?? "" })}</p> : null;
}
