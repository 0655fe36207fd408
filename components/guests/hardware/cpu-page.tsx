"use client";

import { useState } from "react";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { CpuView } from "@/lib/guests/hardware/types";
import { cpuModes, cpuSchema, type cpuChoices } from "@/lib/validations/hardware/sections";
import { CheckField, Facts, LabeledField, SectionPage, Warning, controlClass } from "./form-controls";
import { hardwarePath, type SectionProps } from "./hardware-api";

const modeLabels: Record<CpuView["mode"], string> = {
  "host-passthrough": "Host passthrough (copy the host CPU exactly)",
  "host-model": "Host model (closest named model, migratable)",
  custom: "Custom model",
  maximum: "Maximum (everything the hypervisor can offer)",
  default: "Hypervisor default",
};

type CpuChoice = (typeof cpuChoices)[number];

/** Pinning rows shown at most; larger guests are pinned in the XML tab. */
const MAX_PIN_ROWS = 128;

type CpuState = {
  vcpus: string;
  maxVcpus: string;
  mode: CpuChoice;
  model: string;
  manualTopology: boolean;
  sockets: string;
  cores: string;
  threads: string;
  pins: Record<string, string>;
};

const fromView = (v: CpuView): CpuState => ({
  vcpus: String(v.vcpus),
  maxVcpus: String(v.maxVcpus),
  mode: v.mode,
  model: v.model,
  manualTopology: v.sockets !== null,
  sockets: String(v.sockets ?? 1),
  cores: String(v.cores ?? v.maxVcpus),
  threads: String(v.threads ?? 1),
  pins: { ...v.pins },
});

const toInput = (s: CpuState, etag: string) => ({
  etag,
  vcpus: s.vcpus,
  maxVcpus: s.maxVcpus,
  mode: s.mode,
  model: s.mode === "custom" ? s.model : "",
  topology: s.manualTopology ? { sockets: s.sockets, cores: s.cores, threads: s.threads } : null,
  // Empty rows mean "not pinned"; pins of vCPUs above a lowered maximum go with those vCPUs.
  pins: Object.fromEntries(Object.entries(s.pins).filter(([vcpu, cpus]) => cpus.trim() !== "" && !(Number(vcpu) >= Number(s.maxVcpus)))),
});

export function CpuPage({ g, hw, canManage, change }: SectionProps) {
  const v = hw.cpu;
  const [s, setState] = useState<CpuState>(() => fromView(v));
  const set = (patch: Partial<CpuState>) => setState((old) => ({ ...old, ...patch }));
  const errors = useFormErrors();
  const e = errors.fields;
  const dirty = JSON.stringify(toInput(s, hw.etag)) !== JSON.stringify(toInput(fromView(v), hw.etag));
  const maxCount = Math.max(0, Math.min(Number.parseInt(s.maxVcpus, 10) || 0, MAX_PIN_ROWS));
  const overHost = v.hostCpus > 0 && Math.max(Number(s.vcpus) || 0, Number(s.maxVcpus) || 0) > v.hostCpus;

  const apply = () => {
    const body = errors.validate(cpuSchema, toInput(s, hw.etag));
    if (body) void change.submit({ path: hardwarePath(g, "/cpu"), method: "PATCH", body, done: "CPUs saved" }, errors.fromError);
  };
  const revert = () => {
    setState(fromView(v));
    errors.clear();
  };

  return (
    <SectionPage
      title="CPUs"
      pending={hw.pendingSections.includes("cpu")}
      canManage={canManage}
      dirty={dirty}
      busy={change.busy}
      onApply={apply}
      onRevert={revert}
    >
      <Facts label="Host CPUs" items={[["Host CPUs", v.hostCpus > 0 ? v.hostCpus : "Unknown"]]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <LabeledField label="Current vCPUs" live={hw.running} error={e.vcpus} hint="Hot-plugged up to the maximum while the guest runs">
          {(p) => <NumberInput {...p} value={s.vcpus} onChange={(vcpus) => set({ vcpus })} />}
        </LabeledField>
        <LabeledField label="Maximum vCPUs" error={e.maxVcpus}>
          {(p) => <NumberInput {...p} value={s.maxVcpus} onChange={(maxVcpus) => set({ maxVcpus })} />}
        </LabeledField>
      </div>
      {overHost ? <Warning>More vCPUs than the host has CPUs ({v.hostCpus}): the guest will run slower than with fewer.</Warning> : null}
      <LabeledField label="CPU mode" error={e.mode}>
        {(p) => (
          <select {...p} className={controlClass} value={s.mode} onChange={(ev) => set({ mode: ev.target.value as CpuChoice })}>
            {cpuModes.map((m) => (
              <option key={m} value={m}>
                {modeLabels[m]}
              </option>
            ))}
            {v.clusterCpu ? (
              <option value="cluster">
                Cluster CPU ({v.clusterCpu.model}, runs on every host of cluster {v.clusterCpu.cluster})
              </option>
            ) : null}
          </select>
        )}
      </LabeledField>
      {s.mode === "custom" ? (
        <LabeledField label="CPU model" error={e.model} hint="A model libvirt knows, e.g. Skylake-Client">
          {(p) => (
            <input {...p} className={controlClass} value={s.model} onChange={(ev) => set({ model: ev.target.value })} autoComplete="off" />
          )}
        </LabeledField>
      ) : null}
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">Topology</legend>
        <CheckField
          label="Manually set topology"
          checked={s.manualTopology}
          onChange={(manualTopology) => set({ manualTopology })}
          error={e.topology}
        />
        {s.manualTopology ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <LabeledField label="Sockets" error={e["topology.sockets"]}>
              {(p) => <NumberInput {...p} value={s.sockets} onChange={(sockets) => set({ sockets })} />}
            </LabeledField>
            <LabeledField label="Cores" error={e["topology.cores"]}>
              {(p) => <NumberInput {...p} value={s.cores} onChange={(cores) => set({ cores })} />}
            </LabeledField>
            <LabeledField label="Threads" error={e["topology.threads"]}>
              {(p) => <NumberInput {...p} value={s.threads} onChange={(threads) => set({ threads })} />}
            </LabeledField>
          </div>
        ) : null}
      </fieldset>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">Pinning</legend>
        <p className="text-xs text-slate-500">Host CPUs each vCPU may run on, like 0-3,6. Empty: any host CPU.</p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: maxCount }, (_, i) => String(i)).map((vcpu) => (
            <LabeledField key={vcpu} label={`vCPU ${vcpu} host CPUs`} error={e[`pins.${vcpu}`]}>
              {(p) => (
                <input
                  {...p}
                  className={`${controlClass} font-mono`}
                  value={s.pins[vcpu] ?? ""}
                  placeholder="any"
                  onChange={(ev) => set({ pins: { ...s.pins, [vcpu]: ev.target.value } })}
                  autoComplete="off"
                />
              )}
            </LabeledField>
          ))}
        </div>
        {(Number.parseInt(s.maxVcpus, 10) || 0) > MAX_PIN_ROWS ? (
          <p className="text-xs text-slate-500">Pin vCPUs above {MAX_PIN_ROWS - 1} in the XML tab.</p>
        ) : null}
      </fieldset>
    </SectionPage>
  );
}

function NumberInput({
  value,
  onChange,
  ...props
}: {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <input
      {...props}
      type="number"
      min={1}
      inputMode="numeric"
      className={`${controlClass} max-w-32`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
