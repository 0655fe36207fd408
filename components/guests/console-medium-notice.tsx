"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { GuestRow } from "@/lib/guests/types";
import { hasCloudInitSeed } from "@/lib/new-guest/cloud-init";
import { hasUnattendedMedia } from "@/lib/new-guest/unattended";

/** The console's own media a guest is created with, each found in its definition and removed by its route. */
const media = {
  // cloud-init needs its seed only at first boot.
  seed: { words: "seed", path: "cloud-init-seed", has: hasCloudInitSeed, testId: "cloud-init-seed" },
  // The unattended install's script holds the passwords it was installed with, in clear text.
  unattended: { words: "unattendedMedia", path: "unattended-media", has: hasUnattendedMedia, testId: "unattended-media" },
} as const;

/**
 * While the guest still has a medium the console gave it at creation (a cloud-init seed, an unattended install's
 * script): a note and a button that removes it (its CD-ROM leaves the definition and its volume is deleted).
 */
export function ConsoleMediumNotice({
  medium,
  g,
  xml,
  canManage,
}: {
  medium: keyof typeof media;
  g: GuestRow;
  xml: string | null;
  canManage: boolean;
}) {
  const { words, path, has, testId } = media[medium];
  const t = useTranslations("guest");
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      api<{ volume: string | null }>(`/api/hosts/${encodeURIComponent(g.hostId)}/guests/${g.uuid}/${path}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, g.uuid) }),
  });
  if (remove.isSuccess)
    return (
      <p role="status" className="text-sm">
        {remove.data.volume ? t(`${words}.removedVolume`, { volume: remove.data.volume }) : t(`${words}.removed`)}
      </p>
    );
  if (!xml || !has(xml)) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
      data-testid={testId}
    >
      <p>{t(`${words}.notice`)}</p>
      {canManage ? (
        <Button variant="secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending ? t(`${words}.removing`) : t(`${words}.remove`)}
        </Button>
      ) : null}
      {remove.isError ? <p role="alert">{remove.error.message}</p> : null}
    </div>
  );
}
