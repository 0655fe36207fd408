"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { HardwareTab } from "@/components/guests/hardware/hardware-tab";
import type { GuestRef } from "@/components/guests/hardware/hardware-api";
import { XmlTab } from "@/components/guests/hardware/xml-tab";

const draftPath = (g: GuestRef, rest = "") =>
  `/api/hosts/${encodeURIComponent(g.hostId)}/new-guest/drafts/${encodeURIComponent(g.uuid)}${rest}`;

/**
 * virt-manager's "Customize configuration before install": the planned guest in the hardware editor
 * (the same pages as a guest's Hardware and XML tabs), created only on "Begin installation".
 */
export function CustomizeView({
  g,
  name,
  onInstalled,
  onCancelled,
}: {
  g: GuestRef;
  name: string;
  onInstalled: (uuid: string) => void;
  onCancelled: () => void;
}) {
  const [tab, setTab] = useState<"hardware" | "xml">("hardware");
  const install = useMutation({
    mutationFn: () => api<{ uuid: string }>(draftPath(g, "/install"), { method: "POST", body: {} }),
    onSuccess: ({ uuid }) => onInstalled(uuid),
  });
  const cancel = useMutation({ mutationFn: () => api<{ ok: true }>(draftPath(g), { method: "DELETE" }), onSuccess: onCancelled });
  const busy = install.isPending || cancel.isPending;
  const problem = install.error ?? cancel.error;

  return (
    <div className="space-y-4" data-testid="customize-view">
      <div>
        <h2 className="text-lg font-semibold">Customize {name} before install</h2>
        <p className="text-sm text-slate-500">Nothing is created on the host until you begin the installation.</p>
      </div>
      <div role="tablist" aria-label="Customize" className="flex gap-1 border-b border-slate-200 text-sm dark:border-slate-800">
        {(["hardware", "xml"] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
            className={
              tab === t
                ? "-mb-px border-b-2 border-blue-600 px-3 py-2 font-medium"
                : "px-3 py-2 text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            }
          >
            {t === "hardware" ? "Hardware" : "XML"}
          </button>
        ))}
      </div>
      {tab === "hardware" ? <HardwareTab g={g} canManage /> : <XmlTab g={g} canManage />}
      {problem ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {problem.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={busy} onClick={() => install.mutate()}>
          {install.isPending ? "Installing…" : "Begin installation"}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => cancel.mutate()}>
          Cancel installation
        </Button>
      </div>
    </div>
  );
}
