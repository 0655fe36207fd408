"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CapacityBar } from "@/components/hosts/capacity-bar";
import { Button } from "@/components/ui/button";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DetailHeader } from "@/components/ui/detail-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Row, Table } from "@/components/ui/table";
import { queryKeys } from "@/lib/client/live-keys";
import { useUnits } from "@/lib/client/use-units";
import type { PoolRow, VolumeRow } from "@/lib/storage/types";
import { PoolActions } from "./pool-actions";
import { PoolRestorePoints } from "./pool-restore-points";
import { PoolStateBadge } from "./pool-state-badge";
import { fetchPool, volumePath } from "./storage-api";
import { UploadDialog } from "./upload-dialog";
import { CloneVolumeDialog, DeleteVolumeDialog, NewVolumeDialog, ResizeVolumeDialog, type VolumeDialog } from "./volume-dialogs";

/** One pool: its capacity and its volumes with the guests using them, and everything that changes them. */
export function PoolDetailView({ hostId, name, canManage }: { hostId: string; name: string; canManage: boolean }) {
  const t = useTranslations("storage");
  const units = useUnits();
  const detail = useQuery({ queryKey: queryKeys.pool(hostId, name), queryFn: () => fetchPool(hostId, name) });
  const [dialog, setDialog] = useState<VolumeDialog>(null);
  const [uploading, setUploading] = useState(false);
  if (detail.isPending) return <p className="text-sm text-slate-500">{t("loadingPool")}</p>;
  if (detail.isError) return <EmptyState title={t("notLoaded")}>{detail.error.message}</EmptyState>;
  const { pool, volumes } = detail.data;
  const close = () => setDialog(null);
  return (
    <div className="space-y-5">
      <Breadcrumb href="/storage" label={t("title")}>
        {pool.name}
      </Breadcrumb>
      <DetailHeader
        title={pool.name}
        state={<PoolStateBadge state={pool.state} />}
        description={t("poolAt", { type: pool.type, path: pool.targetPath ?? "—" })}
        actions={canManage ? <PoolActions pool={pool} afterDelete="/storage" header /> : null}
      />
      {pool.state === "running" ? (
        <div className="max-w-md">
          <CapacityBar used={pool.allocationBytes} total={pool.capacityBytes} label={t("usageOf", { name: pool.name })} />
          <p className="mt-1 text-xs text-slate-500">{t("free", { size: units.bytes(pool.availableBytes) })}</p>
        </div>
      ) : (
        <EmptyState title={t("notActive")}>{t("notActiveHint")}</EmptyState>
      )}
      {pool.state === "running" ? (
        <section aria-label={t("volumes")} className="space-y-3">
          <div className="flex items-center justify-between">
            <h2 className="text-base font-semibold">{t("volumes")}</h2>
            {canManage ? (
              <div className="flex gap-2">
                <Button variant="secondary" onClick={() => setUploading(true)}>
                  {t("upload")}
                </Button>
                <Button onClick={() => setDialog({ kind: "new" })}>{t("newVolume")}</Button>
              </div>
            ) : null}
          </div>
          {volumes.length === 0 ? (
            <EmptyState title={t("noVolumes")}>{t("noVolumesHint")}</EmptyState>
          ) : (
            <VolumeTable pool={pool} volumes={volumes} canManage={canManage} onDialog={setDialog} />
          )}
        </section>
      ) : null}
      {pool.state === "running" ? <PoolRestorePoints hostId={hostId} pool={pool.name} /> : null}
      {dialog?.kind === "new" ? <NewVolumeDialog pool={pool} volumes={volumes} onClose={close} /> : null}
      {dialog?.kind === "resize" ? <ResizeVolumeDialog pool={pool} volume={dialog.volume} onClose={close} /> : null}
      {dialog?.kind === "clone" ? <CloneVolumeDialog pool={pool} volume={dialog.volume} onClose={close} /> : null}
      {dialog?.kind === "delete" ? <DeleteVolumeDialog pool={pool} volume={dialog.volume} onClose={close} /> : null}
      {uploading ? <UploadDialog pool={pool} volumes={volumes} onClose={() => setUploading(false)} /> : null}
    </div>
  );
}

function VolumeTable({
  pool,
  volumes,
  canManage,
  onDialog,
}: {
  pool: PoolRow;
  volumes: VolumeRow[];
  canManage: boolean;
  onDialog: (d: VolumeDialog) => void;
}) {
  const t = useTranslations("storage");
  const units = useUnits();
  return (
    <Table
      label={t("volumesOf", { name: pool.name })}
      columns={[
        { label: t("col.name") },
        { label: t("col.format") },
        { label: t("col.capacity"), numeric: true },
        { label: t("col.allocation"), numeric: true },
        { label: t("col.usedBy") },
        ...(canManage ? [{ label: t("col.actions"), hidden: true }] : []),
      ]}
    >
      {volumes.map((v) => (
        <Row key={v.key} data-testid="volume-row" data-volume={v.name}>
          <Cell>
            <div className="font-medium">{v.name}</div>
            <div className="text-xs break-all text-slate-500">{v.path}</div>
            {v.backingPath ? <div className="text-xs text-slate-500">{t("backedBy", { path: v.backingPath })}</div> : null}
          </Cell>
          <Cell>{v.format ?? "—"}</Cell>
          <Cell numeric>{units.bytes(v.capacityBytes)}</Cell>
          <Cell numeric>{units.bytes(v.allocationBytes)}</Cell>
          <Cell>
            {v.usedBy.length === 0
              ? "—"
              : v.usedBy.map((u) => (
                  <Link
                    key={u.uuid}
                    href={`/guests/${encodeURIComponent(pool.hostId)}/${u.uuid}`}
                    className="mr-2 text-blue-700 hover:underline dark:text-blue-400"
                  >
                    {u.running ? t("running", { name: u.name }) : u.name}
                  </Link>
                ))}
          </Cell>
          {canManage ? (
            <Cell className="whitespace-nowrap">
              <Button variant="ghost" onClick={() => onDialog({ kind: "resize", volume: v })}>
                {t("resize")}
              </Button>
              <Button variant="ghost" onClick={() => onDialog({ kind: "clone", volume: v })}>
                {t("clone")}
              </Button>
              <a
                href={`${volumePath(pool.hostId, pool.name, v.name)}/download`}
                download={v.name}
                className="px-3 py-2 text-sm text-slate-700 hover:underline dark:text-slate-200"
              >
                {t("download")}
              </a>
              <Button variant="ghost" onClick={() => onDialog({ kind: "delete", volume: v })}>
                {t("deleteMenu")}
              </Button>
            </Cell>
          ) : null}
        </Row>
      ))}
    </Table>
  );
}
