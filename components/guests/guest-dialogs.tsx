"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import type { SaveTargets } from "@/lib/guests/saved-state";
import type { GuestRow } from "@/lib/guests/types";
import type { JobView } from "@/lib/jobs/types";
import { JobProgress } from "@/components/storage/progress";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { Dialog } from "@/components/ui/dialog";
import { guestPath, useRefreshGuest } from "./use-guest-actions";
import { useGuestFormat } from "./use-guest-format";

/** Rename (libvirt renames only shut-off guests; its refusal is shown as it says it). */
export function RenameDialog({ guest, open, onClose }: { guest: GuestRow; open: boolean; onClose: () => void }) {
  const t = useTranslations("guestDialogs.rename");
  const tUi = useTranslations("ui");
  const toast = useToast();
  const refresh = useRefreshGuest();
  const [name, setName] = useState(guest.name);
  const [error, setError] = useState<string | undefined>();
  const rename = useMutation({
    mutationFn: (next: string) => api(guestPath(guest), { method: "PATCH", body: { name: next } }),
    onSuccess: (_d, next) => {
      toast.success(t("renamed", { name: guest.name, next }));
      refresh(guest);
      onClose();
    },
    onError: (e) => setError(e instanceof ApiRequestError ? (e.fields.name ?? e.message) : e.message),
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("title", { name: guest.name })}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {tUi("cancel")}
          </Button>
          <Button type="submit" form="rename-guest" disabled={rename.isPending || name.trim() === "" || name.trim() === guest.name}>
            {t("rename")}
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
        <Field label={t("newName")} error={error} hint={t("hint")}>
          <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
      </form>
    </Dialog>
  );
}

/** Save the guest's memory to a file in one of the host's directory pools and stop it; the host page restores it. */
export function SaveToFileDialog({ guest, open, onClose }: { guest: GuestRow; open: boolean; onClose: () => void }) {
  const t = useTranslations("guestDialogs.save");
  const tDialogs = useTranslations("guestDialogs");
  const tUi = useTranslations("ui");
  const format = useGuestFormat();
  const refresh = useRefreshGuest();
  const targets = useQuery({
    queryKey: ["save-targets", guest.hostId, guest.uuid],
    queryFn: () => api<SaveTargets>(`${guestPath(guest)}/save`),
    gcTime: 0,
  });
  const [pool, setPool] = useState<string | null>(null);
  const [file, setFile] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [job, setJob] = useState<JobView | null>(null);
  const chosenPool = pool ?? (targets.data?.pools.find((p) => p.name === "default") ?? targets.data?.pools[0])?.name ?? "";
  const chosenFile = file ?? targets.data?.suggestedFile ?? "";
  const save = useMutation({
    mutationFn: () => api<JobView>(`${guestPath(guest)}/save`, { method: "POST", body: { pool: chosenPool, file: chosenFile.trim() } }),
    onSuccess: setJob,
    onError: (e) => setErrors(e instanceof ApiRequestError ? { ...e.fields, _: e.message } : { _: e.message }),
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("title", { name: guest.name })}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {job ? tDialogs("close") : tUi("cancel")}
          </Button>
          {job ? null : (
            <Button type="submit" form="save-guest" disabled={save.isPending || !chosenPool || chosenFile.trim() === ""}>
              {save.isPending ? tDialogs("starting") : t("save")}
            </Button>
          )}
        </>
      }
    >
      {job ? (
        <JobProgress job={job} onFinished={() => refresh(guest)} />
      ) : (
        <form
          id="save-guest"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            setErrors({});
            save.mutate();
          }}
        >
          {targets.error ? (
            <p role="alert" className="text-red-600">
              {targets.error.message}
            </p>
          ) : null}
          {targets.data?.pools.length === 0 ? (
            <p role="alert" className="text-red-600">
              {t("noPool")}
            </p>
          ) : null}
          <Field label={t("pool")} error={errors.pool}>
            <Select value={chosenPool} onChange={(e) => setPool(e.target.value)}>
              {targets.data?.pools.map((p) => (
                <option key={p.name} value={p.name}>
                  {t("poolFree", { name: p.name, free: format.bytes(p.availableBytes) })}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("file")} error={errors.file} hint={t("fileHint")}>
            <Input value={chosenFile} onChange={(e) => setFile(e.target.value)} className="font-mono" />
          </Field>
          {errors._ && !errors.file && !errors.pool ? (
            <p role="alert" className="text-red-600 dark:text-red-400">
              {errors._}
            </p>
          ) : null}
        </form>
      )}
    </Dialog>
  );
}
