"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";

/**
 * The guest's high-availability mark on its overview: marked guests are restarted on another member of their host's
 * cluster once that host is known down. Operators switch it; others see it.
 */
export function GuestHighAvailability({ hostId, uuid, canManage }: { hostId: string; uuid: string; canManage: boolean }) {
  const t = useTranslations("highAvailability");
  const toast = useToast();
  const queryClient = useQueryClient();
  const key = ["guest-ha", hostId, uuid];
  const path = `/api/hosts/${encodeURIComponent(hostId)}/guests/${uuid}/high-availability`;
  const state = useQuery({ queryKey: key, queryFn: () => api<{ highlyAvailable: boolean }>(path) });
  const change = useMutation({
    mutationFn: (on: boolean) => api(path, { method: "PUT", body: { highlyAvailable: on } }),
    onSuccess: (_r, on) => {
      toast.success(on ? t("guestMarked") : t("guestUnmarked"));
      queryClient.setQueryData(key, { highlyAvailable: on });
    },
    onError: (e) => toast.error(e.message),
  });
  if (!state.data) return null;
  return (
    <label className="flex items-start gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
      <input
        type="checkbox"
        className="mt-0.5"
        checked={state.data.highlyAvailable}
        disabled={!canManage || change.isPending}
        onChange={(e) => change.mutate(e.target.checked)}
      />
      <span>
        <span className="font-medium">{t("guestHa")}</span>
        <span className="block text-xs text-slate-500">{t("guestHaHint")}</span>
      </span>
    </label>
  );
}
