"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useUnits } from "@/lib/client/use-units";
import type { SavedImage } from "@/lib/guests/saved-state";
import type { JobView } from "@/lib/jobs/types";

/** The host's saved states (files written by "Save to file" in its pools), each restorable with one click. */
export function RestoreDialog({ hostId, hostName, onClose }: { hostId: string; hostName: string; onClose: () => void }) {
  const t = useTranslations("hosts");
  const units = useUnits();
  const format = useFormatter();
  const queryClient = useQueryClient();
  const path = `/api/hosts/${encodeURIComponent(hostId)}/restore`;
  const images = useQuery({ queryKey: ["saved-images", hostId], queryFn: () => api<SavedImage[]>(path), gcTime: 0 });
  const [removeAfter, setRemoveAfter] = useState(true);
  const [job, setJob] = useState<JobView | null>(null);
  const restore = useMutation({
    mutationFn: (image: SavedImage) =>
      api<JobView>(path, { method: "POST", body: { pool: image.pool, volume: image.volume, removeAfter } }),
    onSuccess: setJob,
  });
  const finished = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.guests() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.hostOverview(hostId) });
    void images.refetch();
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("restoreTitle", { host: hostName })}
      wide
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t("close")}
        </Button>
      }
    >
      {job ? <JobProgress job={job} onFinished={finished} /> : null}
      {restore.error ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {restore.error.message}
        </p>
      ) : null}
      {images.error ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {images.error.message}
        </p>
      ) : null}
      {images.data?.length === 0 ? <p className="text-slate-500">{t("noSaved")}</p> : null}
      {images.isPending ? <p className="text-slate-500">{t("lookingThrough")}</p> : null}
      {images.data && images.data.length > 0 ? (
        <>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
            {images.data.map((image) => (
              <li
                key={`${image.pool}/${image.volume}`}
                data-testid="saved-image"
                data-guest={image.guestName}
                className="flex items-center justify-between gap-3 p-3"
              >
                <div className="min-w-0">
                  <p className="font-medium">{image.guestName}</p>
                  <p className="truncate font-mono text-xs text-slate-500">
                    {image.pool}/{image.volume} · {units.bytes(image.sizeBytes)}
                    {image.savedAt
                      ? ` · ${t("savedAt", { when: format.dateTime(new Date(image.savedAt), { dateStyle: "medium", timeStyle: "short" }) })}`
                      : ""}
                  </p>
                </div>
                <Button
                  disabled={restore.isPending || job?.status === "running"}
                  onClick={() => restore.mutate(image)}
                  aria-label={t("restoreNamed", { guest: image.guestName, volume: image.volume })}
                >
                  {t("restore")}
                </Button>
              </li>
            ))}
          </ul>
          <label className="flex items-start gap-2">
            <input type="checkbox" checked={removeAfter} onChange={(e) => setRemoveAfter(e.target.checked)} className="mt-1" />
            <span>
              {t("removeAfter")} <span className="text-slate-500">{t("removeAfterHint")}</span>
            </span>
          </label>
        </>
      ) : null}
    </Dialog>
  );
}
