"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { GuestRow } from "@/lib/guests/types";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { Dialog } from "@/components/ui/dialog";
import { isActive } from "@/lib/text/format";
import type { DeletePlan, DeleteResult } from "./types";
import { guestPath } from "./use-guest-actions";

/** Delete with a list of what goes: each storage volume (ticked by default), snapshot metadata and NVRAM. */
export function DeleteGuestDialog({ guest, open, onClose }: { guest: GuestRow; open: boolean; onClose: () => void }) {
  const t = useTranslations("guestDialogs.delete");
  const tUi = useTranslations("ui");
  const plan = useQuery({
    queryKey: queryKeys.deletePlan(guest.hostId, guest.uuid),
    queryFn: () => api<DeletePlan>(`${guestPath(guest)}/delete-plan`),
    enabled: open,
    staleTime: 0,
    retry: false,
  });
  return (
    <Dialog open={open} onClose={onClose} title={t("title", { name: guest.name })} wide>
      {plan.isPending ? <p className="text-slate-500">{t("lookingUp")}</p> : null}
      {plan.error ? (
        <p role="alert" className="text-red-600">
          {plan.error.message}
        </p>
      ) : null}
      {plan.data ? <DeleteForm key={plan.dataUpdatedAt} guest={guest} plan={plan.data} onClose={onClose} /> : null}
      {!plan.data ? (
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            {tUi("cancel")}
          </Button>
        </div>
      ) : null}
    </Dialog>
  );
}

function DeleteForm({ guest, plan, onClose }: { guest: GuestRow; plan: DeletePlan; onClose: () => void }) {
  const t = useTranslations("guestDialogs.delete");
  const tUi = useTranslations("ui");
  const tGuests = useTranslations("guests");
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [volumes, setVolumes] = useState<Set<string>>(() => new Set(plan.volumes.filter((v) => v.deletable).map((v) => v.path)));
  const [snapshots, setSnapshots] = useState(true);
  const [nvram, setNvram] = useState(true);
  const running = isActive(guest.state);
  const remove = useMutation({
    mutationFn: () =>
      api<DeleteResult>(guestPath(guest), {
        method: "DELETE",
        body: { removeVolumes: [...volumes], removeSnapshots: plan.snapshots > 0 && snapshots, removeNvram: plan.nvram !== null && nvram },
      }),
    onSuccess: (res) => {
      toast.success(
        res.removed?.length ? t("deletedWith", { name: guest.name, count: res.removed.length }) : t("deleted", { name: guest.name }),
      );
      queryClient.removeQueries({ queryKey: queryKeys.guest(guest.hostId, guest.uuid) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.guests() });
      onClose();
      router.push("/guests");
    },
    onError: (e) => toast.error(tGuests("failedNamed", { name: guest.name, message: e.message })),
  });
  const toggle = (path: string) =>
    setVolumes((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <>
      <p>{t("intro")}</p>
      {running ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {t("running", { name: guest.name })}
        </p>
      ) : null}
      {plan.persistent === false ? <p className="text-slate-600 dark:text-slate-400">{t("transient")}</p> : null}
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("storage")}</legend>
        {plan.volumes.length === 0 ? <p className="text-slate-500">{t("noDisks")}</p> : null}
        {plan.volumes.map((v) => (
          <label key={`${v.target}-${v.path}`} className="flex items-start gap-2">
            <input type="checkbox" className="mt-1" disabled={!v.deletable} checked={volumes.has(v.path)} onChange={() => toggle(v.path)} />
            <span className="min-w-0">
              <span className="font-mono break-all">{v.path}</span>
              <span className="block text-xs text-slate-500">
                {v.target}
                {v.pool ? t("inPool", { pool: v.pool }) : t("notInPool")}
                {v.deletable ? "" : t("kept", { reason: v.reason ?? t("cannotDelete") })}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {plan.snapshots > 0 ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={snapshots} onChange={(e) => setSnapshots(e.target.checked)} />
          {t("removeSnapshots", { count: plan.snapshots })}
        </label>
      ) : null}
      {plan.nvram ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={nvram} onChange={(e) => setNvram(e.target.checked)} />
          <span>{t.rich("removeNvram", { path: () => <span className="font-mono break-all">{plan.nvram}</span> })}</span>
        </label>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {tUi("cancel")}
        </Button>
        <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending ? t("deleting") : volumes.size > 0 ? t("deleteWith", { count: volumes.size }) : t("delete")}
        </Button>
      </div>
    </>
  );
}
