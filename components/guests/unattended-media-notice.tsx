"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { GuestRow } from "@/lib/guests/types";
import { hasUnattendedMedia } from "@/lib/new-guest/unattended";

/**
 * While the guest still has its unattended install's script medium (the passwords in clear text): a note
 * and "Remove the script medium" (its CD-ROM leaves the definition and its volume is deleted).
 */
export function UnattendedMediaNotice({ g, xml, canManage }: { g: GuestRow; xml: string | null; canManage: boolean }) {
  const t = useTranslations("guest.unattendedMedia");
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      api<{ volume: string | null }>(`/api/hosts/${encodeURIComponent(g.hostId)}/guests/${g.uuid}/unattended-media`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, g.uuid) }),
  });
  if (remove.isSuccess)
    return (
      <p role="status" className="text-sm">
        {remove.data.volume ? t("removedVolume", { volume: remove.data.volume }) : t("removed")}
      </p>
    );
  if (!xml || !hasUnattendedMedia(xml)) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
      data-testid="unattended-media"
    >
      <p>{t("notice")}</p>
      {canManage ? (
        <Button variant="secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending ? t("removing") : t("remove")}
        </Button>
      ) : null}
      {remove.isError ? <p role="alert">{remove.error.message}</p> : null}
    </div>
  );
}
