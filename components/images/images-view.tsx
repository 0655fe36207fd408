"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import { useUnits } from "@/lib/client/use-units";
import type { HostSummary } from "@/lib/guests/types";
import type { ImageRow } from "@/lib/images/types";
import { can, type Grant } from "@/lib/roles";
import { fetchImages, imagePath, imagesQueryKey } from "./images-api";
import { ImportImageDialog } from "./import-dialog";

/** Names of formats as people know them (qemu-img says "vpc" for VHD). */
const FORMAT_NAMES: Record<string, string> = { qcow2: "qcow2", raw: "raw", vmdk: "VMDK", vhdx: "VHDX", vpc: "VHD", vdi: "VDI" };
const formatName = (f: string) => FORMAT_NAMES[f] ?? f;
const ADDED_AT = { dateStyle: "medium", timeStyle: "short" } as const;

/** The image library of every host the person may see: imported disk images, ready for the new-guest wizard. */
export function ImagesView({ grants }: { grants: Grant[] }) {
  const t = useTranslations("imageLibrary");
  const hosts = useQuery({ queryKey: queryKeys.hosts(), queryFn: () => api<{ hosts: HostSummary[] }>("/api/hosts") });
  if (hosts.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (hosts.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        {hosts.error.message}
      </p>
    );
  const visible = hosts.data.hosts.filter((h) => can(grants, "storage.view", { kind: "host", hostId: h.id }));
  if (visible.length === 0) return <EmptyState title={t("noHosts")}>{t("noHostsHint")}</EmptyState>;
  return (
    <div className="space-y-8">
      {visible.map((h) => (
        <HostImages key={h.id} host={h} canManage={can(grants, "storage.manage", { kind: "host", hostId: h.id })} />
      ))}
    </div>
  );
}

function HostImages({ host, canManage }: { host: HostSummary; canManage: boolean }) {
  const t = useTranslations("imageLibrary");
  const units = useUnits();
  const format = useFormatter();
  const images = useQuery({ queryKey: imagesQueryKey(host.id), queryFn: () => fetchImages(host.id) });
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<ImageRow | null>(null);
  return (
    <section aria-label={t("libraryOf", { host: host.name })} className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-base font-semibold">{host.name}</h2>
        {canManage ? <Button onClick={() => setImporting(true)}>{t("importImage")}</Button> : null}
      </div>
      {images.isPending ? <p className="text-sm text-slate-500">{t("loading")}</p> : null}
      {images.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {images.error.message}
        </p>
      ) : null}
      {images.data?.length === 0 ? <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState> : null}
      {images.data?.length ? (
        <Table
          label={t("libraryOf", { host: host.name })}
          columns={[
            { label: t("col.name") },
            { label: t("col.os") },
            { label: t("col.format") },
            { label: t("col.size"), numeric: true },
            { label: t("col.sha256") },
            { label: t("col.added") },
            ...(canManage ? [{ label: t("col.actions"), hidden: true }] : []),
          ]}
        >
          {images.data.map((image) => (
            <Row key={image.id} data-testid="image-row" data-volume={image.volume}>
              <Cell>
                <div className="font-medium">{image.volume}</div>
                <div className="text-xs text-slate-500" title={image.source}>
                  {t("inPool", { pool: image.pool })}
                  {image.present ? "" : ` · ${t("missing")}`}
                </div>
              </Cell>
              <Cell>{image.os?.name ?? t("osUnknown")}</Cell>
              <Cell>
                {image.sourceFormat === image.format
                  ? formatName(image.format)
                  : t("converted", { from: formatName(image.sourceFormat), to: formatName(image.format) })}
              </Cell>
              <Cell numeric>{units.bytes(image.virtualBytes)}</Cell>
              <Cell>
                <code data-testid="image-sha256" className="block max-w-[16rem] font-mono text-xs break-all">
                  {image.sha256}
                </code>
              </Cell>
              <Cell>
                <div>{format.dateTime(new Date(image.createdAt), ADDED_AT)}</div>
                <div className="text-xs text-slate-500">{image.createdBy}</div>
              </Cell>
              {canManage ? (
                <Cell>
                  <Button variant="secondary" onClick={() => setDeleting(image)}>
                    {image.present ? t("delete") : t("forget")}
                  </Button>
                </Cell>
              ) : null}
            </Row>
          ))}
        </Table>
      ) : null}
      {importing ? <ImportImageDialog hostId={host.id} onClose={() => setImporting(false)} /> : null}
      {deleting ? <DeleteImageDialog image={deleting} onClose={() => setDeleting(null)} /> : null}
    </section>
  );
}

function DeleteImageDialog({ image, onClose }: { image: ImageRow; onClose: () => void }) {
  const t = useTranslations("imageLibrary");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api(imagePath(image.hostId, image.id), { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: imagesQueryKey(image.hostId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.pools(image.hostId) });
      onClose();
    },
  });
  const users = image.usedBy.map((u) => u.name);
  return (
    <ConfirmDialog
      open
      title={t("deleteTitle", { name: image.volume })}
      confirmLabel={image.present ? t("delete") : t("forget")}
      danger
      busy={mutation.isPending || users.length > 0}
      onConfirm={() => mutation.mutate()}
      onCancel={onClose}
    >
      <p>{image.present ? t("deleteBody", { pool: image.pool }) : t("forgetBody")}</p>
      {users.length ? (
        <p role="note" className="text-red-700 dark:text-red-300">
          {t("inUse", { guests: format.list(users) })}
        </p>
      ) : null}
      {mutation.error ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {mutation.error.message}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
