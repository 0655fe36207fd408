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
  const t = useTranslations("hardware.general");
  const tSections = useTranslations("hardware.sections");
  const tFirmware = useTranslations("newGuest.firmwareKind");
  const tControls = useTranslations("hardware.controls");
  const v = hw.general;
  const [title, setTitle] = useState(v.title);
  const [description, setDescription] = useState(v.description);
  const errors = useFormErrors();
  const dirty = title !== v.title || description !== v.description;
  const apply = () => {
    const body = errors.validate(generalSchema, { etag: hw.etag, title, description });
    if (body) void change.submit({ path: hardwarePath(g, "/general"), method: "PATCH", body, done: t("saved") }, errors.fromError);
  };
  const revert = () => {
    setTitle(v.title);
    setDescription(v.description);
    errors.clear();
  };
  return (
    <SectionPage
      title={tSections("general")}
      pending={hw.pendingSections.includes("general")}
      canManage={canManage}
      dirty={dirty}
      busy={change.busy}
      onApply={apply}
      onRevert={revert}
    >
      <Facts
        label={t("facts")}
        items={[
          [t("name"), v.name],
          [
            t("uuid"),
            <span key="uuid" className="font-mono text-xs">
              {v.uuid}
            </span>,
          ],
          [t("hypervisor"), v.hypervisor],
          [t("arch"), v.arch],
          [t("machine"), v.machine || "—"],
          [t("firmware"), tFirmware(firmwareKind(v.firmware, v.secureBoot))],
          [t("os"), v.osName ?? v.osId ?? tControls("unknown")],
        ]}
      />
      <LabeledField label={t("title")} error={errors.fields.title} hint={t("titleHint")} live={hw.running}>
        {(p) => <input {...p} className={controlClass} value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />}
      </LabeledField>
      <LabeledField label={t("description")} error={errors.fields.description} live={hw.running}>
        {(p) => <textarea {...p} rows={4} className={controlClass} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </LabeledField>
    </SectionPage>
  );
}

export function MemoryPage({ g, hw, canManage, change }: SectionProps) {
  const t = useTranslations("hardware.memory");
  const tSections = useTranslations("hardware.sections");
  const tControls = useTranslations("hardware.controls");
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
    if (body) void change.submit({ path: hardwarePath(g, "/memory"), method: "PATCH", body, done: t("saved") }, errors.fromError);
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
      title={tSections("memory")}
      pending={hw.pendingSections.includes("memory")}
      canManage={canManage}
      dirty={dirty}
      busy={change.busy}
      onApply={apply}
      onRevert={revert}
    >
      <Facts label={t("hostMemory")} items={[[t("hostMemory"), v.hostMiB > 0 ? formatKiB(v.hostMiB * 1024) : tControls("unknown")]]} />
      <LabeledField
        label={t("current")}
        unit="MiB"
        live={hw.running && v.balloon}
        error={errors.fields.currentMiB}
        hint={v.balloon ? t("balloonHint") : t("noBalloonHint")}
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
        label={t("max")}
        unit="MiB"
        error={errors.fields.maxMiB}
        hint={v.devicesMiB > 0 ? t("maxHintDevices", { devices: v.devicesMiB }) : t("maxHint")}
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
      {overHost ? <Warning>{t("overHost", { host: formatKiB(v.hostMiB * 1024) })}</Warning> : null}
    </SectionPage>
  );
}
