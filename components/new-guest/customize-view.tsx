"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { api } from "@/lib/client/api";
import type { Unmapped } from "@/lib/ova/ovf";
import { UnmappedList } from "./unmapped-list";
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
  unmapped,
  onInstalled,
  onCancelled,
}: {
  g: GuestRef;
  name: string;
  /** An appliance's parts the guest did not get, listed before install. */
  unmapped?: Unmapped[];
  onInstalled: (uuid: string) => void;
  onCancelled: () => void;
}) {
  const t = useTranslations("newGuest.customizeView");
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
        <h2 className="text-lg font-semibold">{t("title", { name })}</h2>
        <p className="text-sm text-slate-500">{t("nothingYet")}</p>
      </div>
      {unmapped ? <UnmappedList items={unmapped} /> : null}
      <Tabs
        value={tab}
        onValueChange={setTab}
        label={t("tabs")}
        tabs={[
          { value: "hardware", label: t("hardware") },
          { value: "xml", label: t("xml") },
        ]}
        className="space-y-4"
      >
        <TabPanel value="hardware">
          <HardwareTab g={g} canManage />
        </TabPanel>
        <TabPanel value="xml">
          <XmlTab g={g} canManage />
        </TabPanel>
      </Tabs>
      {problem ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {problem.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={busy} onClick={() => install.mutate()}>
          {install.isPending ? t("installing") : t("begin")}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => cancel.mutate()}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}
