"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { useUnits } from "@/lib/client/use-units";
import type { IsoCandidates } from "@/lib/guests/media";
import type { IsoLibraryEntry } from "@/lib/validations/settings";

const settingsKey = ["admin", "settings"] as const;
type SettingsState = { isoLibrary: { value: IsoLibraryEntry[] } };

const keyOf = (e: IsoLibraryEntry) => `${e.hostId}\n${e.path}`;

/**
 * The ISO images helpdesk staff may put into guests' CD drives from their home page: each host's ISO
 * volumes, ticked to approve. An approved image that is gone from its pool stays listed until unticked.
 */
export function IsoLibraryAdmin() {
  const t = useTranslations("isoLibrary");
  const units = useUnits();
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api<SettingsState>("/api/admin/settings") });
  const candidates = useQuery({ queryKey: ["admin", "iso-library"], queryFn: () => api<IsoCandidates>("/api/admin/iso-library") });
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const saved = new Set((settings.data?.isoLibrary.value ?? []).map(keyOf));
  const current = chosen ?? saved;
  const save = useMutation({
    mutationFn: (isoLibrary: IsoLibraryEntry[]) => api<SettingsState>("/api/admin/settings", { method: "PATCH", body: { isoLibrary } }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      setChosen(null);
      toast.success(t("saved"));
    },
    onError: (e) => toast.error(e.message),
  });
  const toggle = (k: string) => {
    const next = new Set(current);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setChosen(next);
  };
  const entries = [...current].map((k) => {
    const [hostId, path] = k.split("\n");
    return { hostId, path };
  });
  const listed = new Set(candidates.data?.hosts.flatMap((h) => h.isos.map((i) => keyOf({ hostId: h.id, path: i.path }))) ?? []);
  const missing = entries.filter((e) => !listed.has(keyOf(e)));

  return (
    <section
      aria-labelledby="iso-library"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="iso-library" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p>{t("intro")}</p>
      {candidates.isPending || settings.isPending ? <p className="text-slate-500">{t("loading")}</p> : null}
      {candidates.data?.hosts.map((h) => (
        <fieldset key={h.id} className="space-y-1">
          <legend className="font-medium">{h.name}</legend>
          {h.error ? <p className="text-red-600">{t("cannotList", { error: h.error })}</p> : null}
          {!h.error && h.isos.length === 0 ? <p className="text-slate-500">{t("noIsos")}</p> : null}
          {h.isos.map((i) => {
            const k = keyOf({ hostId: h.id, path: i.path });
            return (
              <label key={k} className="flex items-center gap-2">
                <input type="checkbox" checked={current.has(k)} onChange={() => toggle(k)} />
                {i.name} <span className="text-slate-500">{t("where", { pool: i.pool, size: units.bytes(i.bytes) })}</span>
              </label>
            );
          })}
        </fieldset>
      ))}
      {missing.length ? (
        <fieldset className="space-y-1">
          <legend className="font-medium">{t("missing")}</legend>
          {missing.map((e) => (
            <label key={keyOf(e)} className="flex items-center gap-2">
              <input type="checkbox" checked onChange={() => toggle(keyOf(e))} />
              {e.path}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Button disabled={save.isPending || chosen === null} onClick={() => save.mutate(entries)}>
        {t("save")}
      </Button>
    </section>
  );
}
