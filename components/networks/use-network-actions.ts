"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { NetworkAction, NetworkEdit } from "@/lib/validations/networks";
import { useToast } from "@/components/ui/toast";
import { networkPath } from "./format";

/**
 * Start/stop, live edits and delete for one host's networks. Each re-reads the host's networks when it
 * settles: libvirt raises no event for autostart or DHCP changes. Refusals show libvirt's own message.
 */
export function useNetworkActions(hostId: string) {
  const t = useTranslations("networks");
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.networks(hostId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.hostOverview(hostId) });
  };
  const power = useMutation({
    mutationFn: ({ name, action }: { name: string; action: NetworkAction }) =>
      api(networkPath(hostId, name), { method: "POST", body: { action } }),
    onSuccess: (_d, { name, action }) => toast.success(action === "start" ? t("started", { name }) : t("stopped", { name })),
    onError: (e, { name }) => toast.error(t("failed", { name, message: e.message })),
    onSettled: refresh,
  });
  // The caller shows the error next to the fields it concerns.
  const edit = useMutation({
    mutationFn: ({ name, edit: change }: { name: string; edit: NetworkEdit }) =>
      api(networkPath(hostId, name), { method: "PATCH", body: change }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (name: string) => api(networkPath(hostId, name), { method: "DELETE" }),
    onSuccess: (_d, name) => toast.success(t("deleted", { name })),
    onError: (e, name) => toast.error(t("failed", { name, message: e.message })),
    onSettled: refresh,
  });
  return { power, edit, remove };
}
