"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { TAKEN_FORMAT } from "@/components/guests/backups/backup-dialogs";
import { useVerifyNote } from "@/components/guests/backups/use-verify-note";
import { Cell, Row, Table } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import { useUnits } from "@/lib/client/use-units";
import type { PoolRestorePoint } from "@/lib/guest-backups/types";
import { poolPath } from "./storage-api";

const COLUMNS = ["taken", "kind", "size", "duration", "verified"] as const;

/** The catalogue per backup target: every restore point this pool holds, with its guest; nothing when it holds none. */
export function PoolRestorePoints({ hostId, pool }: { hostId: string; pool: string }) {
  const t = useTranslations("guestRecovery");
  const tPoints = useTranslations("guestBackups");
  const verifyNote = useVerifyNote();
  const format = useFormatter();
  const units = useUnits();
  const points = useQuery({
    queryKey: ["pool-restore-points", hostId, pool],
    queryFn: () => api<PoolRestorePoint[]>(`${poolPath(hostId, pool)}/restore-points`),
  });
  const seconds = (ms: number) => (ms < 1000 ? tPoints("underASecond") : tPoints("seconds", { seconds: Math.round(ms / 1000) }));
  if (!points.data?.length) return null;
  return (
    <section aria-labelledby="pool-restore-points" className="space-y-2">
      <h2 id="pool-restore-points" className="text-base font-semibold">
        {t("poolPoints")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("poolPointsHint")}</p>
      <Table label={t("poolPoints")} columns={[{ label: t("guestColumn") }, ...COLUMNS.map((c) => ({ label: tPoints(`column.${c}`) }))]}>
        {points.data.map((p) => (
          <Row key={p.id} data-testid="pool-restore-point" data-guest={p.guestName}>
            <Cell>
              <Link
                href={`/guests/${encodeURIComponent(hostId)}/${p.guestUuid}?tab=backups`}
                className="text-blue-700 hover:underline dark:text-blue-400"
              >
                {p.guestName}
              </Link>
            </Cell>
            <Cell className="whitespace-nowrap tabular-nums">{format.dateTime(new Date(p.createdAt), TAKEN_FORMAT)}</Cell>
            <Cell>{p.kind === "full" ? tPoints("full") : tPoints("incremental")}</Cell>
            <Cell className="tabular-nums">{units.bytes(p.sizeBytes)}</Cell>
            <Cell className="tabular-nums">{seconds(p.durationMs)}</Cell>
            <Cell className="text-xs">
              {p.verified === "ok"
                ? tPoints("yes")
                : p.verified === "failed"
                  ? tPoints("failed", { error: verifyNote(p) ?? "" })
                  : tPoints("notYet")}
            </Cell>
          </Row>
        ))}
      </Table>
    </section>
  );
}
