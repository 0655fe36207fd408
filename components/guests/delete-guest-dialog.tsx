"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
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
  const plan = useQuery({
    queryKey: queryKeys.deletePlan(guest.hostId, guest.uuid),
    queryFn: () => api<DeletePlan>(`${guestPath(guest)}/delete-plan`),
    enabled: open,
    staleTime: 0,
    retry: false,
  });
  return (
    <Dialog open={open} onClose={onClose} title={`Delete ${guest.name}?`} wide>
      {plan.isPending ? <p className="text-slate-500">Looking up the guest’s storage…</p> : null}
      {plan.error ? (
        <p role="alert" className="text-red-600">
          {plan.error.message}
        </p>
      ) : null}
      {plan.data ? <DeleteForm key={plan.dataUpdatedAt} guest={guest} plan={plan.data} onClose={onClose} /> : null}
      {!plan.data ? (
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      ) : null}
    </Dialog>
  );
}

function DeleteForm({ guest, plan, onClose }: { guest: GuestRow; plan: DeletePlan; onClose: () => void }) {
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
        `${guest.name} deleted${res.removed?.length ? ` with ${res.removed.length} file${res.removed.length === 1 ? "" : "s"}` : ""}`,
      );
      queryClient.removeQueries({ queryKey: queryKeys.guest(guest.hostId, guest.uuid) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.guests() });
      onClose();
      router.push("/guests");
    },
    onError: (e) => toast.error(`${guest.name}: ${e.message}`),
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
      <p>The guest’s definition is removed from its host. Tick what should be deleted with it; anything unticked stays on the host.</p>
      {running ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {guest.name} is running: it is forced off first, without shutting down.
        </p>
      ) : null}
      {plan.persistent === false ? (
        <p className="text-slate-600 dark:text-slate-400">This guest is transient: stopping it removes it.</p>
      ) : null}
      <fieldset className="space-y-1">
        <legend className="font-medium">Storage</legend>
        {plan.volumes.length === 0 ? <p className="text-slate-500">No disks.</p> : null}
        {plan.volumes.map((v) => (
          <label key={`${v.target}-${v.path}`} className="flex items-start gap-2">
            <input type="checkbox" className="mt-1" disabled={!v.deletable} checked={volumes.has(v.path)} onChange={() => toggle(v.path)} />
            <span className="min-w-0">
              <span className="font-mono break-all">{v.path}</span>
              <span className="block text-xs text-slate-500">
                {v.target}
                {v.pool ? ` · pool ${v.pool}` : " · not in a storage pool"}
                {v.deletable ? "" : ` · kept: ${v.reason ?? "cannot be deleted"}`}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {plan.snapshots > 0 ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={snapshots} onChange={(e) => setSnapshots(e.target.checked)} />
          Remove the metadata of {plan.snapshots} snapshot{plan.snapshots === 1 ? "" : "s"}
        </label>
      ) : null}
      {plan.nvram ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={nvram} onChange={(e) => setNvram(e.target.checked)} />
          <span>
            Remove the UEFI variables file <span className="font-mono break-all">{plan.nvram}</span>
          </span>
        </label>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending
            ? "Deleting…"
            : volumes.size > 0
              ? `Delete guest and ${volumes.size} volume${volumes.size === 1 ? "" : "s"}`
              : "Delete guest"}
        </Button>
      </div>
    </>
  );
}
