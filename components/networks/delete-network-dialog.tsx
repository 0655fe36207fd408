"use client";

import { useTranslations } from "next-intl";
import type { NetworkRow } from "@/lib/networks/types";
import { ConfirmDialog } from "@/components/ui/dialog";

/** Asks before deleting; says what happens to guests still plugged in. */
export function DeleteNetworkDialog({
  network,
  busy,
  onConfirm,
  onCancel,
}: {
  network: NetworkRow | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("networks.delete");
  return (
    <ConfirmDialog
      open={network !== null}
      title={t("title", { name: network?.name ?? "" })}
      confirmLabel={t("confirm")}
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {network ? (
        <>
          <p>{network.active ? t("bodyActive") : t("bodyInactive")}</p>
          {network.connections > 0 ? (
            <p
              role="note"
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
            >
              {t("plugged", { count: network.connections })}
            </p>
          ) : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
