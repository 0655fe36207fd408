"use client";

import { useTranslations } from "next-intl";
import { Field, Input, Select } from "@/components/ui/field";
import { formatBytes } from "@/lib/text/format";
import { isCdImage } from "@/lib/storage/cd-image";
import { diskFormats } from "@/lib/validations/new-guest";
import { storageKinds, type Draft } from "./draft";
import type { StepProps } from "./steps-source";

export const warn = (text: string) => (
  <p
    role="note"
    className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
  >
    {text}
  </p>
);

/** Step 3: memory and CPUs, with the host's totals and osinfo's advice. */
export function ResourcesStep({ draft, set, context, fields }: StepProps) {
  const t = useTranslations("newGuest.resources");
  const memory = Number(draft.memoryMiB);
  const vcpus = Number(draft.vcpus);
  return (
    <div className="space-y-4">
      <Field
        label={t("memory")}
        hint={`${t("memoryHint", { total: context.hostMemoryMiB, free: context.hostFreeMemoryMiB })}${draft.advice ? t("memoryAdvice", { recommended: draft.advice.memoryMiB }) : ""}`}
        error={fields.memoryMiB}
      >
        <Input inputMode="numeric" value={draft.memoryMiB} onChange={(e) => set({ memoryMiB: e.target.value })} />
      </Field>
      {memory > context.hostMemoryMiB ? warn(t("moreThanHost")) : memory > context.hostFreeMemoryMiB ? warn(t("lessFree")) : null}
      {draft.advice && memory < draft.advice.minimumMemoryMiB
        ? warn(t("needsAtLeast", { os: draft.advice.os?.name ?? t("thisOs"), minimum: draft.advice.minimumMemoryMiB }))
        : null}
      <Field label={t("maxMemory")} hint={t("maxMemoryHint")} error={fields.maxMemoryMiB}>
        <Input
          inputMode="numeric"
          value={draft.maxMemoryMiB}
          onChange={(e) => set({ maxMemoryMiB: e.target.value })}
          placeholder={draft.memoryMiB}
        />
      </Field>
      <Field label={t("cpus")} hint={t("cpusHint", { count: context.hostCpus })} error={fields.vcpus}>
        <Input inputMode="numeric" value={draft.vcpus} onChange={(e) => set({ vcpus: e.target.value })} />
      </Field>
      {vcpus > context.hostCpus ? warn(t("moreCpus")) : null}
      {context.cluster?.baselineModel ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.clusterCpu} onChange={(e) => set({ clusterCpu: e.target.checked })} />
          {t("clusterCpu", { model: context.cluster.baselineModel, cluster: context.cluster.name })}
        </label>
      ) : null}
    </div>
  );
}

/** Step 4: a new volume, an existing one, or no disk (an imported disk is the disk). */
export function StorageStep({ draft, set, context, fields }: StepProps) {
  const t = useTranslations("newGuest.storage");
  const tAll = useTranslations("newGuest");
  if (draft.method === "import") return <p className="text-sm">{t("imported", { volume: draft.importVolume })}</p>;
  if (draft.method === "ova") return <p className="text-sm">{t("ova", { count: draft.ova?.disks.length ?? 0 })}</p>;
  const pool = context.pools.find((p) => p.name === draft.storagePool);
  const bytes = Number(draft.sizeGiB) * 1024 ** 3;
  return (
    <div className="space-y-4">
      {storageKinds.map((value) => (
        <label key={value} className="flex items-center gap-2 text-sm">
          <input type="radio" name="storage" checked={draft.storageKind === value} onChange={() => set({ storageKind: value })} />{" "}
          {t(`kind.${value}`)}
        </label>
      ))}
      {draft.storageKind === "new" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label={tAll("pool")}
            hint={pool ? t("free", { size: formatBytes(pool.availableBytes) }) : undefined}
            error={fields["storage.pool"]}
          >
            <Select value={draft.storagePool} onChange={(e) => set({ storagePool: e.target.value })}>
              {context.pools.map((p) => (
                <option key={p.name}>{p.name}</option>
              ))}
            </Select>
          </Field>
          <Field
            label={t("size")}
            hint={draft.advice ? t("sizeAdvice", { size: draft.advice.diskGiB }) : undefined}
            error={fields["storage.capacityBytes"]}
          >
            <Input inputMode="decimal" value={draft.sizeGiB} onChange={(e) => set({ sizeGiB: e.target.value })} />
          </Field>
          <Field label={t("format")}>
            <Select value={draft.format} onChange={(e) => set({ format: e.target.value as Draft["format"] })}>
              {diskFormats.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </Select>
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.allocateNow} onChange={(e) => set({ allocateNow: e.target.checked })} />{" "}
            {t("allocateNow")}
          </label>
          {pool && bytes > pool.availableBytes ? warn(draft.allocateNow ? t("moreThanFree") : t("sparseMoreThanFree")) : null}
        </div>
      ) : null}
      {draft.storageKind === "existing" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={tAll("pool")}>
            <Select value={draft.existingPool} onChange={(e) => set({ existingPool: e.target.value, existingVolume: "" })}>
              <option value="">{tAll("choose")}</option>
              {context.pools.map((p) => (
                <option key={p.name}>{p.name}</option>
              ))}
            </Select>
          </Field>
          <Field label={t("volume")} error={fields["storage.volume"]}>
            <Select value={draft.existingVolume} onChange={(e) => set({ existingVolume: e.target.value })}>
              <option value="">{tAll("choose")}</option>
              {context.pools
                .find((p) => p.name === draft.existingPool)
                ?.volumes.filter((v) => !isCdImage(v))
                .map((v) => (
                  <option key={v.name}>{v.name}</option>
                ))}
            </Select>
          </Field>
        </div>
      ) : null}
    </div>
  );
}
