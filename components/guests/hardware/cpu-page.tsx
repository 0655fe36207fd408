"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { CpuView } from "@/lib/guests/hardware/types";
import { cpuModes, cpuSchema, type cpuChoices } from "@/lib/validations/hardware/sections";
import { CheckField, Facts, LabeledField, SectionPage, Warning, controlClass } from "./form-controls";
import { hardwarePath, type SectionProps } from "./hardware-api";

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
  const t = useTranslations("hardware.cpu");
  const tSections = useTranslations("hardware.sections");
  const tControls = useTranslations("hardware.controls");
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
    if (body) void change.submit({ path: hardwarePath(g, "/cpu"), method: "PATCH", body, done: t("saved") }, errors.fromError);
  };
  const revert = () => {
    setState(fromView(v));
    errors.clear();
  };

  return (
    <SectionPage
      title={tSections("cpu")}
      pending={hw.pendingSections.includes("cpu")}
      canManage={canManage}
      dirty={dirty}
      busy={change.busy}
      onApply={apply}
      onRevert={revert}
    >
      <Facts label={t("hostCpus")} items={[[t("hostCpus"), v.hostCpus > 0 ? v.hostCpus : tControls("unknown")]]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <LabeledField label={t("current")} live={hw.running} error={e.vcpus} hint={t("currentHint")}>
          {(p) => <NumberInput {...p} value={s.vcpus} onChange={(vcpus) => set({ vcpus })} />}
        </LabeledField>
        <LabeledField label={t("max")} error={e.maxVcpus}>
          {(p) => <NumberInput {...p} value={s.maxVcpus} onChange={(maxVcpus) => set({ maxVcpus })} />}
        </LabeledField>
      </div>
      {overHost ? <Warning>{t("overHost", { host: v.hostCpus })}</Warning> : null}
      <LabeledField label={t("mode")} error={e.mode}>
        {(p) => (
          <select {...p} className={controlClass} value={s.mode} onChange={(ev) => set({ mode: ev.target.value as CpuChoice })}>
            {cpuModes.map((m) => (
              <option key={m} value={m}>
                {t(`modes.${m}`)}
              </option>
            ))}
            {v.clusterCpu ? (
              <option value="cluster">{t("cluster", { model: v.clusterCpu.model, cluster: v.clusterCpu.cluster })}</option>
            ) : null}
          </select>
        )}
      </LabeledField>
      {s.mode === "custom" ? (
        <LabeledField label={t("model")} error={e.model} hint={t("modelHint")}>
          {(p) => (
            <input {...p} className={controlClass} value={s.model} onChange={(ev) => set({ model: ev.target.value })} autoComplete="off" />
          )}
        </LabeledField>
      ) : null}
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">{t("topology")}</legend>
        <CheckField
          label={t("manualTopology")}
          checked={s.manualTopology}
          onChange={(manualTopology) => set({ manualTopology })}
          error={e.topology}
        />
        {s.manualTopology ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <LabeledField label={t("sockets")} error={e["topology.sockets"]}>
              {(p) => <NumberInput {...p} value={s.sockets} onChange={(sockets) => set({ sockets })} />}
            </LabeledField>
            <LabeledField label={t("cores")} error={e["topology.cores"]}>
              {(p) => <NumberInput {...p} value={s.cores} onChange={(cores) => set({ cores })} />}
            </LabeledField>
            <LabeledField label={t("threads")} error={e["topology.threads"]}>
              {(p) => <NumberInput {...p} value={s.threads} onChange={(threads) => set({ threads })} />}
            </LabeledField>
          </div>
        ) : null}
      </fieldset>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">{t("pinning")}</legend>
        <p className="text-xs text-slate-500">{t("pinningHint")}</p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: maxCount }, (_, i) => String(i)).map((vcpu) => (
            <LabeledField key={vcpu} label={t("pinLabel", { vcpu })} error={e[`pins.${vcpu}`]}>
              {(p) => (
                <input
                  {...p}
                  className={`${controlClass} font-mono`}
                  value={s.pins[vcpu] ?? ""}
                  placeholder={t("any")}
                  onChange={(ev) => set({ pins: { ...s.pins, [vcpu]: ev.target.value } })}
                  autoComplete="off"
                />
              )}
            </LabeledField>
          ))}
        </div>
        {(Number.parseInt(s.maxVcpus, 10) || 0) > MAX_PIN_ROWS ? (
          <p className="text-xs text-slate-500">{t("pinInXml", { last: MAX_PIN_ROWS - 1 })}</p>
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
