"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useFormErrors } from "@/lib/client/use-form-errors";
import {
  clusterDefaults,
  clusterSchema,
  placementPolicies,
  placementPolicyLabels,
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

type Text = Record<"name" | "description" | "networks" | "pools" | "apart" | "together" | "overcommit" | "parallel", string>;

const toText = (s: ClusterSettings): Text => ({
  name: s.name,
  description: s.description,
  networks: s.requiredNetworks.join(", "),
  pools: s.requiredPools.join(", "),
  apart: s.antiAffinityTags.join(", "),
  together: s.affinityTags.join(", "),
  overcommit: String(s.vcpuOvercommit),
  parallel: String(s.maintenanceParallel),
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
  const errors = useFormErrors();
  const [t, setT] = useState<Text>(() => toText(initial));
  const [policy, setPolicy] = useState<PlacementPolicy>(initial.policy);
  const set = (patch: Partial<Text>) => setT((old) => ({ ...old, ...patch }));
  const e = errors.fields;
  const submit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const body = errors.validate(clusterSchema, {
      name: t.name,
      description: t.description,
      policy,
      requiredNetworks: splitNames(t.networks),
      requiredPools: splitNames(t.pools),
      antiAffinityTags: splitNames(t.apart),
      affinityTags: splitNames(t.together),
      vcpuOvercommit: t.overcommit,
      maintenanceParallel: t.parallel,
    });
    if (body) onSubmit(body, errors);
  };
  const first = (prefix: string) => Object.entries(e).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={e.name}>
          <Input value={t.name} onChange={(ev) => set({ name: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label="Placement policy" error={e.policy}>
          <Select value={policy} onChange={(ev) => setPolicy(ev.target.value as PlacementPolicy)}>
            {placementPolicies.map((p) => (
              <option key={p} value={p}>
                {placementPolicyLabels[p]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Description" error={e.description}>
        <Input value={t.description} onChange={(ev) => set({ description: ev.target.value })} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Required networks"
          error={first("requiredNetworks")}
          hint="libvirt network names every member must have, e.g. default"
        >
          <Input value={t.networks} onChange={(ev) => set({ networks: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label="Required storage pools" error={first("requiredPools")} hint="Storage pool names every member must have">
          <Input value={t.pools} onChange={(ev) => set({ pools: ev.target.value })} autoComplete="off" />
        </Field>
        <Field
          label="Keep apart: guests tagged"
          error={first("antiAffinityTags")}
          hint="Two guests with one of these tags never share a host"
        >
          <Input value={t.apart} onChange={(ev) => set({ apart: ev.target.value })} autoComplete="off" />
        </Field>
        <Field
          label="Keep together: guests tagged"
          error={first("affinityTags")}
          hint="Placed next to a guest with the same tag when it fits"
        >
          <Input value={t.together} onChange={(ev) => set({ together: ev.target.value })} autoComplete="off" />
        </Field>
        <Field label="vCPUs per host CPU" error={e.vcpuOvercommit} hint="Placement stops adding guests to a host beyond this">
          <Input inputMode="decimal" value={t.overcommit} onChange={(ev) => set({ overcommit: ev.target.value })} />
        </Field>
        <Field label="Migrations at once in maintenance" error={e.maintenanceParallel}>
          <Input inputMode="numeric" value={t.parallel} onChange={(ev) => set({ parallel: ev.target.value })} />
        </Field>
      </div>
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
