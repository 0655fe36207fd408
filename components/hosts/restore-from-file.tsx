"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { Dialog } from "@/components/guests/dialog";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

/** Restore a guest from a file written by "Save to file" on this host. */
export function RestoreFromFile({ hostId, hostName }: { hostId: string; hostName: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState("/var/lib/libvirt/qemu/save/");
  const [error, setError] = useState<string | undefined>();
  const restore = useMutation({
    mutationFn: (p: string) => api(`/api/hosts/${encodeURIComponent(hostId)}/restore`, { method: "POST", body: { path: p } }),
    onSuccess: (_d, p) => {
      toast.success(`Restored the guest saved in ${p}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.guests() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.hostOverview(hostId) });
      setOpen(false);
    },
    onError: (e) => setError(e instanceof ApiRequestError ? (e.fields.path ?? e.message) : e.message),
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Restore from file…
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Restore a saved guest on ${hostName}`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" form="restore-guest" disabled={restore.isPending || path.trim() === ""}>
              {restore.isPending ? "Restoring…" : "Restore"}
            </Button>
          </>
        }
      >
        <form
          id="restore-guest"
          onSubmit={(e) => {
            e.preventDefault();
            setError(undefined);
            restore.mutate(path.trim());
          }}
        >
          <Field label="Save file on the host" error={error} hint="A file written by “Save to file”; the guest starts again where it was.">
            <Input value={path} onChange={(e) => setPath(e.target.value)} className="font-mono" />
          </Field>
        </form>
      </Dialog>
    </>
  );
}
