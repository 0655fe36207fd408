"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useFormErrors } from "@/lib/client/use-form-errors";
import {
  clusterDefaults,
  clusterSchema,
  placementPolicies,
  splitNames,
  type ClusterSettings,
  type PlacementPolicy,
} from "@/lib/validations/host-clusters";

const emptySettings: ClusterSettings = {
  name: "",
  description: "",
  requiredNetworks: [],
  requiredPools: [],
  antiAffinityTags: [],
  affinityTags: [],
  ...clusterDefaults,
};

type Text = Record<
  | "name"
  | "description"
  | "networks"
  | "pools"
  | "apart"
  | "together"
  | "overcommit"
  | "parallel"
  | "perHost"
  | "bandwidth"
  | "stall"
  | "balanceCpu"
  | "balanceMinutes",
  string
>;

const toText = (s: ClusterSettings): Text => ({
  name: s.name,
  description: s.description,
  networks: s.requiredNetworks.join(", "),
  pools: s.requiredPools.join(", "),
  apart: s.antiAffinityTags.join(", "),
  together: s.affinityTags.join(", "),
  overcommit: String(s.vcpuOvercommit),
  parallel: String(s.maintenanceParallel),
  perHost: String(s.migrationsPerHost),
  bandwidth: String(s.migrationBandwidthMiBs),
  stall: String(s.migrationStallSeconds),
  balanceCpu: String(s.balanceCpuPercent),
  balanceMinutes: String(s.balanceMinutes),
});

/** A cluster's settings; the same schema checks them here and on the server. */
export function ClusterForm({
  initial = emptySettings,
  submitLabel,
  busy,
  onSubmit,
}: {
  initial?: ClusterSettings;
  submitLabel: string;
  busy: boolean;
  /** Sends the settings; returns the field messages of a refusal (or nothing). */
  onSubmit: (settings: ClusterSettings, errors: ReturnType<typeof useFormErrors>) => void;
}) {
  const t = useTranslations("hostClusters");
  const errors = useFormErrors();
  const [text, setText] = useState<Text>(() => toText(initial));
  const [policy, setPolicy] = useState<PlacementPolicy>(initial.policy);
  const [autoConverge, setAutoConverge] = useState(initial.migrationAutoConverge);
  const [balanceAutomatic, setBalanceAutomatic] = useState(initial.balanceAutomatic);
  const set = (patch: Partial<Text>) => setText((old) => ({ ...old, ...patch }));
  const e = errors.fields;
  const submit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const body = errors.validate(clusterSchema, {
      name: text.name,
      description: text.description,
      policy,
      requiredNetworks: splitNames(text.networks),
      requiredPools: splitNames(text.pools),
      antiAffinityTags: splitNames(text.apart),
      affinityTags: splitNames(text.together),
      vcpuOvercommit: text.overcommit,
      maintenanceParallel: text.parallel,
      migrationsPerHost: text.perHost,
      migrationBandwidthMiBs: text.bandwidth,
      migrationAutoConverge: autoConverge,
      migrationStallSeconds: text.stall,
      balanceCpuPercent: text.balanceCpu,
      balanceMinutes: text.balanceMinutes,
      balanceAutomatic,
    });
    if (body) onSubmit(body, errors);
  };
  const first = (prefix: string) => Object.entries(e).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} error={e.name}>
          <Input value={text.name} onChange={(ev) => set({ name: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label={t("policy")} error={e.policy}>
          <Select value={policy} onChange={(ev) => setPolicy(ev.target.value as PlacementPolicy)}>
            {placementPolicies.map((p) => (
              <option key={p} value={p}>
                {t(`policyOption.${p}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t("descriptionField")} error={e.description}>
        <Input value={text.description} onChange={(ev) => set({ description: ev.target.value })} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("requiredNetworks")} error={first("requiredNetworks")} hint={t("requiredNetworksHint")}>
          <Input value={text.networks} onChange={(ev) => set({ networks: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label={t("requiredPools")} error={first("requiredPools")} hint={t("requiredPoolsHint")}>
          <Input value={text.pools} onChange={(ev) => set({ pools: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label={t("apart")} error={first("antiAffinityTags")} hint={t("apartHint")}>
          <Input value={text.apart} onChange={(ev) => set({ apart: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label={t("together")} error={first("affinityTags")} hint={t("togetherHint")}>
          <Input value={text.together} onChange={(ev) => set({ together: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label={t("overcommit")} error={e.vcpuOvercommit} hint={t("overcommitHint")}>
          <Input inputMode="decimal" value={text.overcommit} onChange={(ev) => set({ overcommit: ev.target.value })} />
        </Field>
        <Field label={t("parallel")} error={e.maintenanceParallel}>
          <Input inputMode="numeric" value={text.parallel} onChange={(ev) => set({ parallel: ev.target.value })} />
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("migrationPolicy")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("migrationsPerHost")} error={e.migrationsPerHost} hint={t("migrationsPerHostHint")}>
            <Input inputMode="numeric" value={text.perHost} onChange={(ev) => set({ perHost: ev.target.value })} />
          </Field>
          <Field label={t("migrationBandwidth")} error={e.migrationBandwidthMiBs} hint={t("migrationBandwidthHint")}>
            <Input inputMode="numeric" value={text.bandwidth} onChange={(ev) => set({ bandwidth: ev.target.value })} />
          </Field>
          <Field label={t("migrationStall")} error={e.migrationStallSeconds} hint={t("migrationStallHint")}>
            <Input inputMode="numeric" value={text.stall} onChange={(ev) => set({ stall: ev.target.value })} />
          </Field>
        </div>
        <label className="flex gap-2">
          <input type="checkbox" className="mt-1" checked={autoConverge} onChange={(ev) => setAutoConverge(ev.target.checked)} />
          <span>
            <span className="font-medium">{t("migrationAutoConverge")}</span>
            <span className="block text-xs text-slate-500">{t("migrationAutoConvergeHint")}</span>
          </span>
        </label>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("balancing")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("balanceCpu")} error={e.balanceCpuPercent} hint={t("balanceCpuHint")}>
            <Input inputMode="numeric" value={text.balanceCpu} onChange={(ev) => set({ balanceCpu: ev.target.value })} />
          </Field>
          <Field label={t("balanceMinutes")} error={e.balanceMinutes}>
            <Input inputMode="numeric" value={text.balanceMinutes} onChange={(ev) => set({ balanceMinutes: ev.target.value })} />
          </Field>
        </div>
        <label className="flex gap-2">
          <input type="checkbox" className="mt-1" checked={balanceAutomatic} onChange={(ev) => setBalanceAutomatic(ev.target.checked)} />
          <span>
            <span className="font-medium">{t("balanceAutomatic")}</span>
            <span className="block text-xs text-slate-500">{t("balanceAutomaticHint")}</span>
          </span>
        </label>
      </fieldset>
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
