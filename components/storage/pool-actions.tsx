"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { MoreActions } from "@/components/ui/detail-header";
import { MenuCheckboxItem, MenuItem, MenuSeparator } from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { api, ApiRequestError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { PoolRow } from "@/lib/storage/types";
import { poolPath } from "./storage-api";

type Action = "start" | "stop" | "refresh" | "autostart-on" | "autostart-off";

/**
 * Start/stop, refresh, autostart and delete for one pool; libvirt's refusal is shown as it says it. In a list row they
 * are buttons side by side; in the pool page's header (`header`) Start or Stop is the primary button and the rest sit
 * in the More actions menu, Delete apart.
 */
export function PoolActions({ pool, afterDelete, header = false }: { pool: PoolRow; afterDelete?: string; header?: boolean }) {
  const t = useTranslations("storage");
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [deleting, setDeleting] = useState(false);
  const [deleteData, setDeleteData] = useState(false);
  const done = () => queryClient.invalidateQueries({ queryKey: queryKeys.pools(pool.hostId) });
  const failed = (err: unknown) => toast.error(err instanceof ApiRequestError ? err.message : t("unreachable"));
  const act = useMutation({
    mutationFn: (action: Action) => api(`${poolPath(pool.hostId, pool.name)}/action`, { body: { action } }),
    onSuccess: done,
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () => api(poolPath(pool.hostId, pool.name), { method: "DELETE", body: { deleteData } }),
    onSuccess: async () => {
      setDeleting(false);
      await done();
      if (afterDelete) router.push(afterDelete);
    },
    onError: failed,
  });
  const running = pool.state === "running";
  const toggle = () => act.mutate(running ? "stop" : "start");
  const confirm = (
    <ConfirmDialog
      open={deleting}
      title={t("deletePoolTitle", { name: pool.name })}
      confirmLabel={t("deletePool")}
      danger
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={() => setDeleting(false)}
    >
      <p>{t("deletePoolBody")}</p>
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} className="mt-1" />
        <span>
          {t("deleteData", {
            what: t(`deleteDataWhat.${pool.type === "dir" || pool.type === "logical" || pool.type === "disk" ? pool.type : "other"}`),
          })}
        </span>
      </label>
    </ConfirmDialog>
  );
  if (header)
    return (
      <>
        <Button disabled={act.isPending} onClick={toggle}>
          {running ? t("stop") : t("start")}
        </Button>
        <MoreActions>
          <MenuItem disabled={act.isPending || !running} onSelect={() => act.mutate("refresh")}>
            {t("refresh")}
          </MenuItem>
          <MenuCheckboxItem
            checked={pool.autostart}
            disabled={act.isPending || !pool.persistent}
            onCheckedChange={(on) => act.mutate(on ? "autostart-on" : "autostart-off")}
          >
            {t("autostart")}
          </MenuCheckboxItem>
          <MenuSeparator />
          <MenuItem danger onSelect={() => setDeleting(true)}>
            {t("deleteMenu")}
          </MenuItem>
        </MoreActions>
        {confirm}
      </>
    );
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <Button variant="secondary" disabled={act.isPending} onClick={toggle}>
        {running ? t("stop") : t("start")}
      </Button>
      <Button variant="secondary" disabled={act.isPending || !running} onClick={() => act.mutate("refresh")}>
        {t("refresh")}
      </Button>
      <label className="inline-flex items-center gap-1 px-1 text-sm">
        <input
          type="checkbox"
          checked={pool.autostart}
          disabled={act.isPending || !pool.persistent}
          onChange={(e) => act.mutate(e.target.checked ? "autostart-on" : "autostart-off")}
        />
        {t("autostart")}
      </label>
      <Button variant="ghost" onClick={() => setDeleting(true)}>
        {t("deleteMenu")}
      </Button>
      {confirm}
    </div>
  );
}
