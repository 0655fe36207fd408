"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { directModes, nicModels } from "@/lib/validations/new-guest";
import { networkTypes, type Draft } from "./draft";
import type { StepProps } from "./steps-source";
import { warn } from "./steps-resources";

/** Examples in the fields, the same in every language. */
const EXAMPLE = { bridge: "br0", mac: "52:54:00:…" };

/** An inactive network is flagged with a button that starts it (what the guest will need at Finish). */
function StartNetwork({ hostId, name, refresh }: { hostId: string; name: string; refresh: () => void }) {
  const t = useTranslations("newGuest.network");
  const start = useMutation({
    mutationFn: () => api(`/api/hosts/${encodeURIComponent(hostId)}/networks/${encodeURIComponent(name)}`, { body: { action: "start" } }),
    onSuccess: refresh,
  });
  return (
    <div className="space-y-2">
      {warn(t("notActive", { name }))}
      <Button variant="secondary" disabled={start.isPending} onClick={() => start.mutate()}>
        {start.isPending ? t("starting") : t("start", { name })}
      </Button>
      {start.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {start.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** Step 5: virt-manager's network selection: a virtual network, a host bridge, macvtap, or none; the NIC model and MAC. */
export function NetworkStep({ draft, set, context, fields, refresh }: StepProps) {
  const t = useTranslations("newGuest.network");
  const tAll = useTranslations("newGuest");
  const chosen = context.networks.find((n) => n.name === draft.networkName);
  return (
    <div className="space-y-4">
      <Field label={t("source")}>
        <Select value={draft.networkType} onChange={(e) => set({ networkType: e.target.value as Draft["networkType"] })}>
          {networkTypes.map((type) => (
            <option key={type} value={type}>
              {t(`type.${type}`)}
            </option>
          ))}
        </Select>
      </Field>
      {draft.networkType === "network" ? (
        <Field label={t("virtualNetwork")} error={fields["network.name"]}>
          <Select value={draft.networkName} onChange={(e) => set({ networkName: e.target.value })}>
            {context.networks.map((n) => (
              <option key={n.name} value={n.name}>
                {n.active ? n.name : t("inactive", { name: n.name })}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {chosen && !chosen.active && draft.networkType === "network" ? (
        <StartNetwork hostId={draft.hostId} name={chosen.name} refresh={refresh} />
      ) : null}
      {draft.networkType === "bridge" ? (
        <Field label={t("deviceName")} error={fields["network.bridge"]}>
          <Input value={draft.bridge} onChange={(e) => set({ bridge: e.target.value })} placeholder={EXAMPLE.bridge} />
        </Field>
      ) : null}
      {draft.networkType === "direct" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("hostInterface")} error={fields["network.dev"]}>
            <Select value={draft.directDev} onChange={(e) => set({ directDev: e.target.value })}>
              <option value="">{tAll("choose")}</option>
              {context.hostInterfaces.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("sourceMode")} hint={t("sourceModeHint")} error={fields["network.mode"]}>
            <Select value={draft.directMode} onChange={(e) => set({ directMode: e.target.value as Draft["directMode"] })}>
              {directModes.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
      {draft.networkType !== "none" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("deviceModel")} error={fields.nicModel}>
            <Select value={draft.nicModel} onChange={(e) => set({ nicModel: e.target.value })}>
              <option value="">{tAll("chosenForOs")}</option>
              {nicModels.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("mac")} hint={t("macHint")} error={fields.mac}>
            <Input value={draft.mac} onChange={(e) => set({ mac: e.target.value })} placeholder={EXAMPLE.mac} />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
