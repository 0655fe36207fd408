"use client";

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
  return (
    <ConfirmDialog
      open={network !== null}
      title={`Delete ${network?.name ?? "network"}?`}
      confirmLabel="Delete network"
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {network ? (
        <>
          <p>
            The network is {network.active ? "stopped and " : ""}removed from the host. Guests defined with an interface on it keep that
            interface but cannot start until it is moved to another network.
          </p>
          {network.connections > 0 ? (
            <p
              role="note"
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
            >
              {network.connections === 1 ? "One running guest interface is" : `${network.connections} running guest interfaces are`} plugged
              into it and will lose their connection.
            </p>
          ) : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
