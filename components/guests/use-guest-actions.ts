"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { ActionResult, GuestRef, PowerAction } from "@/lib/guests/types";
import { useToast } from "@/components/ui/toast";
import { summarizeBulk, type BulkAction } from "./actions-model";

type Target = GuestRef & { name: string };

/** Re-read the list and the guest (events would do it too; this makes the click feel instant when they lag). */
export function useRefreshGuest() {
  const queryClient = useQueryClient();
  return (ref?: GuestRef) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.guests() });
    if (ref) void queryClient.invalidateQueries({ queryKey: queryKeys.guest(ref.hostId, ref.uuid) });
  };
}

export const guestPath = (g: GuestRef) => `/api/hosts/${encodeURIComponent(g.hostId)}/guests/${g.uuid}`;

export function usePowerAction() {
  const t = useTranslations("guests");
  const toast = useToast();
  const refresh = useRefreshGuest();
  return useMutation({
    mutationFn: ({ guest, action, method }: { guest: Target; action: PowerAction; method?: "acpi" | "agent" }) =>
      api(`${guestPath(guest)}/power`, { method: "POST", body: method ? { action, method } : { action } }),
    onSuccess: (_data, { guest, action }) => toast.success(t(`done.${action}`, { name: guest.name })),
    // libvirt's refusal, as it says it.
    onError: (e, { guest }) => toast.error(t("failedNamed", { name: guest.name, message: e.message })),
    onSettled: (_d, _e, { guest }) => refresh(guest),
  });
}

export function useBulkPower(names: ReadonlyMap<string, string>) {
  const t = useTranslations("guests");
  const toast = useToast();
  const refresh = useRefreshGuest();
  return useMutation({
    mutationFn: ({ action, guests }: { action: BulkAction; guests: GuestRef[] }) =>
      api<{ results: ActionResult[] }>("/api/guests/bulk-power", { method: "POST", body: { action, guests } }),
    onSuccess: ({ results }, { action }) => {
      const { ok, failed } = summarizeBulk(action, results, names, t);
      if (ok) toast.success(ok);
      if (failed.length > 0)
        toast.error(
          failed.length > 3 ? t("failedMore", { failed: failed.slice(0, 3).join("; "), count: failed.length - 3 }) : failed.join("; "),
        );
    },
    onError: (e) => toast.error(e.message),
    onSettled: () => refresh(),
  });
}
