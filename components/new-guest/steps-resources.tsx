"use client";

import { Field, Input, Select } from "@/components/ui/field";
import { formatBytes } from "@/lib/text/format";
import { isCdImage } from "@/lib/storage/cd-image";
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
  const memory = Number(draft.memoryMiB);
  const vcpus = Number(draft.vcpus);
  return (
    <div className="space-y-4">
      <Field
        label="Memory (MiB)"
        hint={`Up to ${context.hostMemoryMiB} MiB available on the host (${context.hostFreeMemoryMiB} MiB free now)${draft.advice ? `; ${draft.advice.memoryMiB} MiB recommended` : ""}`}
        error={fields.memoryMiB}
      >
        <Input inputMode="numeric" value={draft.memoryMiB} onChange={(e) => set({ memoryMiB: e.target.value })} />
      </Field>
      {memory > context.hostMemoryMiB
        ? warn("This is more memory than the host has.")
        : memory > context.hostFreeMemoryMiB
          ? warn("The host has less memory free right now; the guest may not start, or push others into swap.")
          : null}
      {draft.advice && memory < draft.advice.minimumMemoryMiB
        ? warn(`${draft.advice.os?.name ?? "This OS"} needs at least ${draft.advice.minimumMemoryMiB} MiB.`)
        : null}
      <Field
        label="Maximum memory (MiB)"
        hint="Optional: lets the guest be given more memory later without a restart"
        error={fields.maxMemoryMiB}
      >
        <Input
          inputMode="numeric"
          value={draft.maxMemoryMiB}
          onChange={(e) => set({ maxMemoryMiB: e.target.value })}
          placeholder={draft.memoryMiB}
        />
      </Field>
      <Field label="CPUs" hint={`Up to ${context.hostCpus} available`} error={fields.vcpus}>
        <Input inputMode="numeric" value={draft.vcpus} onChange={(e) => set({ vcpus: e.target.value })} />
      </Field>
      {vcpus > context.hostCpus ? warn("More virtual CPUs than the host has CPUs: the guest will run slower, not faster.") : null}
      {context.cluster?.baselineModel ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.clusterCpu} onChange={(e) => set({ clusterCpu: e.target.checked })} />
          Cluster CPU ({context.cluster.baselineModel}): the guest can run on, and move live to, every host of cluster{" "}
          {context.cluster.name}
        </label>
      ) : null}
    </div>
  );
}

/** Step 4: a new volume, an existing one, or no disk (an imported disk is the disk). */
export function StorageStep({ draft, set, context, fields }: StepProps) {
  if (draft.method === "import") return <p className="text-sm">The imported disk image {draft.importVolume} is the guest&apos;s disk.</p>;
  const pool = context.pools.find((p) => p.name === draft.storagePool);
  const bytes = Number(draft.sizeGiB) * 1024 ** 3;
  return (
    <div className="space-y-4">
      {(
        [
          ["new", "Create a disk image for the virtual machine"],
          ["existing", "Select or create custom storage"],
          ["none", "No disk"],
        ] as const
      ).map(([value, label]) => (
        <label key={value} className="flex items-center gap-2 text-sm">
          <input type="radio" name="storage" checked={draft.storageKind === value} onChange={() => set({ storageKind: value })} /> {label}
        </label>
      ))}
      {draft.storageKind === "new" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Pool" hint={pool ? `${formatBytes(pool.availableBytes)} free` : undefined} error={fields["storage.pool"]}>
            <Select value={draft.storagePool} onChange={(e) => set({ storagePool: e.target.value })}>
              {context.pools.map((p) => (
                <option key={p.name}>{p.name}</option>
              ))}
            </Select>
          </Field>
          <Field
            label="Size (GiB)"
            hint={draft.advice ? `${draft.advice.diskGiB} GiB recommended` : undefined}
            error={fields["storage.capacityBytes"]}
          >
            <Input inputMode="decimal" value={draft.sizeGiB} onChange={(e) => set({ sizeGiB: e.target.value })} />
          </Field>
          <Field label="Format">
            <Select value={draft.format} onChange={(e) => set({ format: e.target.value as "qcow2" | "raw" })}>
              <option>qcow2</option>
              <option>raw</option>
            </Select>
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.allocateNow} onChange={(e) => set({ allocateNow: e.target.checked })} /> Allocate entire
            disk now
          </label>
          {pool && bytes > pool.availableBytes
            ? warn(
                draft.allocateNow
                  ? "More than the pool's free space."
                  : "Larger than the pool's free space: the disk is sparse, but the pool may fill up as the guest writes.",
              )
            : null}
        </div>
      ) : null}
      {draft.storageKind === "existing" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Pool">
            <Select value={draft.existingPool} onChange={(e) => set({ existingPool: e.target.value, existingVolume: "" })}>
              <option value="">Choose…</option>
              {context.pools.map((p) => (
                <option key={p.name}>{p.name}</option>
              ))}
            </Select>
          </Field>
          <Field label="Volume" error={fields["storage.volume"]}>
            <Select value={draft.existingVolume} onChange={(e) => set({ existingVolume: e.target.value })}>
              <option value="">Choose…</option>
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
