"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { generalSchema, memorySchema } from "@/lib/validations/hardware/sections";
import { formatKiB } from "@/lib/text/format";
import { Facts, LabeledField, SectionPage, Warning, controlClass } from "./form-controls";
import { hardwarePath, type SectionProps } from "./hardware-api";
import { MemoryHotplugFields } from "./memory-hotplug-fields";
import { firmwareKind } from "@/lib/guests/firmware-label";

export function GeneralPage({ g, hw, canManage, change }: SectionProps) {
  const tFirmware = useTranslations("newGuest.firmwareKind");
  const v = hw.general;
  const [title, setTitle] = useState(v.title);
  const [description, setDescription] = useState(v.description);
  const errors = useFormErrors();
  const dirty = title !== v.title || description !== v.description;
  const apply = () => {
    const body = errors.validate(generalSchema, { etag: hw.etag, title, description });
    if (body)
      void change.submit(
        { path: hardwarePath(g, "/general"), method: "PATCH", body, done: "Title and description saved" },
        errors.fromError,
      );
  };
  const revert = () => {
    setTitle(v.title);
    setDescription(v.description);
    errors.clear();
  };
  return (
    <SectionPage
      title="Overview"
      pending={hw.pendingSections.includes("general")}
      canManage={canManage}
      dirty={dirty}
      busy={change.busy}
      onApply={apply}
      onRevert={revert}
    >
      <Facts
        label="Guest facts"
        items={[
          ["Name", v.name],
          [
            "UUID",
            <span key="uuid" className="font-mono text-xs">
              {v.uuid}
            </span>,
          ],
          ["Hypervisor", v.hypervisor],
          ["Architecture", v.arch],
          ["Machine", v.machine || "—"],
          ["Firmware", tFirmware(firmwareKind(v.firmware, v.secureBoot))],
          ["Operating system", v.osName ?? v.osId ?? "Unknown"],
        ]}
      />
      <LabeledField label="Title" error={errors.fields.title} hint="A short line shown next to the name" live={hw.running}>
        {(p) => <input {...p} className={controlClass} value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />}
      </LabeledField>
      <LabeledField label="Description" error={errors.fields.description} live={hw.running}>
        {(p) => <textarea {...p} rows={4} className={controlClass} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </LabeledField>
    </SectionPage>
  );
}

export function MemoryPage({ g, hw, canManage, change }: SectionProps) {
  const v = hw.memory;
  const [current, setCurrent] = useState(String(v.currentMiB));
  const [max, setMax] = useState(String(v.maxMiB));
  const text = (n: number | null) => (n === null ? "" : String(n));
  const [hotplug, setHotplug] = useState(text(v.hotplugMiB));
  const [slots, setSlots] = useState(text(v.slots));
  const errors = useFormErrors();
  const dirty = current !== String(v.currentMiB) || max !== String(v.maxMiB) || hotplug !== text(v.hotplugMiB) || slots !== text(v.slots);
  const overHost = v.hostMiB > 0 && (Number(current) > v.hostMiB || Number(max) > v.hostMiB);
  const apply = () => {
    const body = errors.validate(memorySchema, { etag: hw.etag, currentMiB: current, maxMiB: max, hotplugMiB: hotplug, slots });
    if (body) void change.submit({ path: hardwarePath(g, "/memory"), method: "PATCH", body, done: "Memory saved" }, errors.fromError);
  };
  const revert = () => {
    setCurrent(String(v.currentMiB));
    setMax(String(v.maxMiB));
    setHotplug(text(v.hotplugMiB));
    setSlots(text(v.slots));
    errors.clear();
  };
  return (
    <SectionPage
      title="Memory"
      pending={hw.pendingSections.includes("memory")}
      canManage={canManage}
      dirty={dirty}
      busy={change.busy}
      onApply={apply}
      onRevert={revert}
    >
      <Facts label="Host memory" items={[["Host memory", v.hostMiB > 0 ? formatKiB(v.hostMiB * 1024) : "Unknown"]]} />
      <LabeledField
        label="Current allocation"
        unit="MiB"
        live={hw.running && v.balloon}
        error={errors.fields.currentMiB}
        hint={
          v.balloon
            ? "The balloon driver hands memory back to the host down to this amount"
            : "Without a balloon device this only changes at the next boot"
        }
      >
        {(p) => (
          <input
            {...p}
            type="number"
            min={16}
            inputMode="numeric"
            className={`${controlClass} max-w-48`}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </LabeledField>
      <LabeledField
        label="Maximum allocation"
        unit="MiB"
        error={errors.fields.maxMiB}
        hint={
          v.devicesMiB > 0
            ? `The most the guest can be given without shutting it down, besides the ${v.devicesMiB} MiB of its memory devices`
            : "The most the guest can be given without shutting it down"
        }
      >
        {(p) => (
          <input
            {...p}
            type="number"
            min={16}
            inputMode="numeric"
            className={`${controlClass} max-w-48`}
            value={max}
            onChange={(e) => setMax(e.target.value)}
          />
        )}
      </LabeledField>
      <MemoryHotplugFields hotplug={hotplug} setHotplug={setHotplug} slots={slots} setSlots={setSlots} errors={errors.fields} view={v} />
      {overHost ? (
        <Warning>
          This is more memory than the host has ({formatKiB(v.hostMiB * 1024)}): the guest may be swapped out or killed when it uses it.
        </Warning>
      ) : null}
    </SectionPage>
  );
}
