"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { ClusterHaSettings } from "@/lib/validations/high-availability";

/** A cluster's rules for highly available guests: the grace time of a lost member, and whether the console fences by itself. */
export function ClusterHighAvailability({ clusterId }: { clusterId: string }) {
  const t = useTranslations("highAvailability");
  const toast = useToast();
  const queryClient = useQueryClient();
  const key = ["cluster-ha", clusterId];
  const path = `/api/clusters/${encodeURIComponent(clusterId)}/high-availability`;
  const current = useQuery({ queryKey: key, queryFn: () => api<ClusterHaSettings>(path) });
  const [edits, setEdits] = useState<{ grace?: string; fence?: boolean }>({});
  const save = useMutation({
    mutationFn: (body: ClusterHaSettings) => api(path, { method: "PUT", body }),
    onSuccess: () => {
      toast.success(t("saved"));
      setEdits({});
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => toast.error(e.message),
  });
  if (!current.data) return null;
  const grace = edits.grace ?? String(current.data.graceSeconds);
  const fence = edits.fence ?? current.data.fenceAutomatically;
  return (
    <section
      aria-label={t("clusterHa")}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="font-medium">{t("clusterHa")}</h2>
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ graceSeconds: Number(grace), fenceAutomatically: fence });
        }}
      >
        <Field label={t("graceSeconds")} hint={t("graceHint")}>
          <Input type="number" min={1} max={3600} value={grace} onChange={(e) => setEdits({ ...edits, grace: e.target.value })} />
        </Field>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5" checked={fence} onChange={(e) => setEdits({ ...edits, fence: e.target.checked })} />
          <span>
            <span className="font-medium">{t("fenceAutomatically")}</span>
            <span className="block text-xs text-slate-500">{t("fenceHint")}</span>
          </span>
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={save.isPending}>
            {t("save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
