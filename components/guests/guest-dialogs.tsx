"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import type { GuestRow } from "@/lib/guests/types";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { Dialog } from "./dialog";
import { guestPath, useRefreshGuest } from "./use-guest-actions";

/** Rename (libvirt renames only shut-off guests; its refusal is shown as it says it). */
export function RenameDialog({ guest, open, onClose }: { guest: GuestRow; open: boolean; onClose: () => void }) {
  const toast = useToast();
  const refresh = useRefreshGuest();
  const [name, setName] = useState(guest.name);
  const [error, setError] = useState<string | undefined>();
  const rename = useMutation({
    mutationFn: (next: string) => api(guestPath(guest), { method: "PATCH", body: { name: next } }),
    onSuccess: (_d, next) => {
      toast.success(`${guest.name} renamed to ${next}`);
      refresh(guest);
      onClose();
    },
    onError: (e) => setError(e instanceof ApiRequestError ? (e.fields.name ?? e.message) : e.message),
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Rename ${guest.name}`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="rename-guest" disabled={rename.isPending || name.trim() === "" || name.trim() === guest.name}>
            Rename
          </Button>
        </>
      }
    >
      <form
        id="rename-guest"
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          rename.mutate(name.trim());
        }}
      >
        <Field label="New name" error={error} hint="libvirt renames a guest only while it is shut off.">
          <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
      </form>
    </Dialog>
  );
}

/** Save the guest's memory to a file on its host and stop it; "Restore from file" on the host page brings it back. */
export function SaveToFileDialog({ guest, open, onClose }: { guest: GuestRow; open: boolean; onClose: () => void }) {
  const toast = useToast();
  const refresh = useRefreshGuest();
  const [path, setPath] = useState(`/var/lib/libvirt/qemu/save/${guest.name}.save`);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (p: string) => api(`${guestPath(guest)}/save`, { method: "POST", body: { path: p } }),
    onSuccess: (_d, p) => {
      toast.success(`${guest.name} saved to ${p} and stopped`);
      refresh(guest);
      onClose();
    },
    onError: (e) => setError(e instanceof ApiRequestError ? (e.fields.path ?? e.message) : e.message),
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Save ${guest.name} to a file`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="save-guest" disabled={save.isPending || path.trim() === ""}>
            {save.isPending ? "Saving…" : "Save and stop"}
          </Button>
        </>
      }
    >
      <form
        id="save-guest"
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          save.mutate(path.trim());
        }}
      >
        <Field label="File on the host" error={error} hint="The guest's memory is written there and the guest stops. Restore it from the host's page.">
          <Input value={path} onChange={(e) => setPath(e.target.value)} className="font-mono" />
        </Field>
      </form>
    </Dialog>
  );
}
