"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { HostStatusBadge } from "@/components/hosts/host-status-badge";
import { TagEditor } from "@/components/tags/tag-editor";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { HostSummary } from "@/lib/guests/types";

/** Every host the person may see (canSeeHost) with its live connection status; administrators also manage them here. */
export function HostsList({ canManage }: { canManage: boolean }) {
  const t = useTranslations("hosts");
  const queryClient = useQueryClient();
  const toast = useToast();
  const hosts = useQuery({ queryKey: ["hosts"], queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts") });
  const act = useMutation({
    mutationFn: ({ host, action }: { host: HostSummary; action: "disconnect" | "reconnect" | "remove" }) =>
      action === "remove"
        ? api(`/api/hosts/${host.id}`, { method: "DELETE" })
        : api<{ message?: string }>(`/api/hosts/${host.id}/${action}`, { body: {} }),
    onSuccess: (result, { host, action }) => {
      const message = (result as { message?: string } | undefined)?.message;
      if (message) toast.error(t("failed", { name: host.name, message }));
      else toast.success(t(`done.${action}`, { name: host.name }));
      void queryClient.invalidateQueries({ queryKey: ["hosts"] });
      void queryClient.invalidateQueries({ queryKey: ["guests"] });
    },
    onError: (e, { host }) => toast.error(t("failed", { name: host.name, message: (e as Error).message })),
  });

  if (hosts.isPending) return <p className="text-sm text-slate-500">{t("loadingHosts")}</p>;
  if (hosts.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        {hosts.error.message}
      </p>
    );
  const list = hosts.data.hosts;
  return (
    <>
      {canManage ? (
        <div className="mb-4">
          <Link href="/hosts/new" className="inline-flex rounded-md bg-blue-600 px-3 py-2 text-sm font-medium text-white hover:bg-blue-700">
            {t("addHost")}
          </Link>
        </div>
      ) : null}
      {list.length === 0 ? (
        <EmptyState title={t("noHosts")}>{canManage ? t("noHostsManage") : t("noHostsAsk")}</EmptyState>
      ) : (
        <ul
          aria-label={t("listLabel")}
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
        >
          {list.map((h) => (
            <li key={h.id} data-testid="host-item" className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0 space-y-1">
                <Link href={`/hosts/${h.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
                  {h.name}
                </Link>
                <div className="flex flex-wrap items-center gap-3">
                  <code className="text-sm text-slate-500">{h.uri}</code>
                  <HostStatusBadge status={h.status} />
                </div>
                <TagEditor
                  tags={h.tags}
                  subject={h.name}
                  canEdit={canManage}
                  save={async (tags) => {
                    await api(`/api/hosts/${h.id}/tags`, { method: "PUT", body: { tags } });
                    await queryClient.invalidateQueries({ queryKey: ["hosts"] });
                  }}
                />
              </div>
              {canManage ? (
                <div className="flex flex-wrap gap-2">
                  <Link
                    href={`/hosts/${h.id}/edit`}
                    className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
                  >
                    {t("edit")}
                  </Link>
                  {h.status?.state === "disconnected" ? (
                    <Button variant="secondary" onClick={() => act.mutate({ host: h, action: "reconnect" })}>
                      {t("reconnect")}
                    </Button>
                  ) : (
                    <Button variant="secondary" onClick={() => act.mutate({ host: h, action: "disconnect" })}>
                      {t("disconnect")}
                    </Button>
                  )}
                  <Button
                    variant="danger"
                    onClick={() => {
                      if (window.confirm(t("removeConfirm", { name: h.name }))) act.mutate({ host: h, action: "remove" });
                    }}
                  >
                    {t("remove")}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
