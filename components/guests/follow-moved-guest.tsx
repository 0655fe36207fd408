"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { api } from "@/lib/client/api";
import type { GuestListResponse } from "@/lib/guests/types";

/**
 * On a guest page whose guest has left its host: if a host the person can see now has a guest with the
 * same UUID (it was migrated there), the page moves to it. Renders a line saying so, or nothing.
 */
export function FollowMovedGuest({ hostId, uuid }: { hostId: string; uuid: string }) {
  const router = useRouter();
  const list = useQuery({ queryKey: ["guests", "moved", uuid], queryFn: () => api<GuestListResponse>("/api/guests"), staleTime: 0 });
  const moved = list.data?.guests.find((g) => g.uuid === uuid && g.hostId !== hostId);
  const hostName = moved ? (list.data?.hosts.find((h) => h.id === moved.hostId)?.name ?? moved.hostId) : null;
  useEffect(() => {
    if (moved) router.replace(`/guests/${encodeURIComponent(moved.hostId)}/${moved.uuid}`);
  }, [moved, router]);
  return moved ? <p role="status">{moved.name} is now on {hostName}; opening it there…</p> : null;
}
