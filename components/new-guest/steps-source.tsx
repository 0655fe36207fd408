"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatBytes } from "@/lib/text/format";
import { UploadDialog } from "@/components/storage/upload-dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ChoiceList } from "@/components/ui/choice-list";
import { api } from "@/lib/client/api";
import { isCdImage } from "@/lib/storage/cd-image";
import { machineGroups, virtTypeOptions, virtTypeSentence } from "@/lib/new-guest/host-choices";
import type { DetectedOs, NewGuestContext, OsAdvice, OsOption } from "@/lib/new-guest/types";
import { installMethods, type Draft } from "./draft";
import { CloudInitSection } from "./cloud-init-section";
import { LibraryPicker } from "./library-picker";
import { OvaSource } from "./ova-source";
import { UnattendedSection } from "./unattended-section";

/** osinfo's recommendations for an OS as draft fields (memory, CPUs, disk size prefilled). */
export async function adviceFor(id: string): Promise<Partial<Draft>> {
  const advice = await api<OsAdvice>(`/api/osinfo?id=${encodeURIComponent(id)}`).catch(() => null);
  return advice ? { advice, memoryMiB: String(advice.memoryMiB), vcpus: String(advice.vcpus), sizeGiB: String(advice.diskGiB) } : {};
}

/** An example install tree, the same in every language. */
const EXAMPLE_TREE = "https://mirror.example.org/fedora/releases/37/Server/x86_64/os/";
/** Where the seed sits in the wizard's request: its fields' messages come back under this path. */
const SEED_FIELDS = "install.cloudInit";

export type StepProps = {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  context: NewGuestContext;
  fields: Record<string, string>;
  refresh: () => void;
};

type PoolVolume = NewGuestContext["pools"][number]["volumes"][number];

function VolumePicker({
  context,
  pool,
  volume,
  onPool,
  onVolume,
  label,
  error,
  offer,
}: {
  context: NewGuestContext;
  pool: string;
  volume: string;
  onPool: (p: string) => void;
  onVolume: (v: string) => void;
  label: string;
  error?: string;
  /** Which of the pool's volumes fit (CD images for install media, the others for disks). */
  offer: (v: PoolVolume) => boolean;
}) {
  const t = useTranslations("newGuest");
  const volumes = (context.pools.find((p) => p.name === pool)?.volumes ?? []).filter(offer);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={t("pool")}>
        <Select value={pool} onChange={(e) => onPool(e.target.value)}>
          <option value="">{t("choose")}</option>
          {context.pools.map((p) => (
            <option key={p.name}>{p.name}</option>
          ))}
        </Select>
      </Field>
      <Field label={label} error={error}>
        <Select value={volume} onChange={(e) => onVolume(e.target.value)}>
          <option value="">{t("choose")}</option>
          {volumes.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name} ({formatBytes(v.capacityBytes)})
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

/** Step 1: where the OS comes from, and how the host runs guests (KVM or emulation, said plainly). */
export function SourceStep({ draft, set, context, fields, refresh }: StepProps) {
  const t = useTranslations("newGuest.source");
  const tAll = useTranslations("newGuest");
  const [uploading, setUploading] = useState(false);
  const [allMachines, setAllMachines] = useState(false);
  const machines = machineGroups(
    context.archs.find((a) => a.arch === (draft.arch || context.arch))?.machines ?? [],
    allMachines,
    draft.machine,
  );
  const detect = async (pool: string, volume: string) => {
    set({ isoVolume: volume, detected: null });
    if (!volume) return;
    const found = await api<DetectedOs>(`/api/hosts/${encodeURIComponent(draft.hostId)}/new-guest/detect`, {
      body: { pool, volume },
    }).catch(() => null);
    if (found?.os) set({ os: found.os.id, osLabel: found.os.name, detected: found.os.name, ...(await adviceFor(found.os.id)) });
    else set({ detected: "" });
  };
  const uploadPool = context.pools.find((p) => p.name === (draft.isoPool || "default"));
  return (
    <div className="space-y-4">
      <p className="text-sm" data-testid="virt-type">
        {t(`virtTypeSentence.${virtTypeSentence(context.virtType, draft.virtType === "kvm" ? "auto" : draft.virtType)}`)}
      </p>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("howToInstall")}</legend>
        {installMethods.map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="method" checked={draft.method === value} onChange={() => set({ method: value })} />{" "}
            {t(`method.${value}`)}
          </label>
        ))}
      </fieldset>
      {draft.method === "iso" ? (
        <>
          <VolumePicker
            context={context}
            label={t("isoImage")}
            pool={draft.isoPool}
            volume={draft.isoVolume}
            onPool={(p) => set({ isoPool: p, isoVolume: "" })}
            onVolume={(v) => void detect(draft.isoPool, v)}
            error={fields["install.volume"]}
            offer={isCdImage}
          />
          {uploadPool ? (
            <Button variant="secondary" onClick={() => setUploading(true)}>
              {t("upload", { pool: uploadPool.name })}
            </Button>
          ) : null}
          {draft.detected !== null ? (
            <p role="status" className="text-sm">
              {draft.detected ? t("detected", { os: draft.detected }) : t("notRecognised")}
            </p>
          ) : null}
        </>
      ) : null}
      {draft.method === "import" ? (
        <>
          <LibraryPicker
            hostId={draft.hostId}
            pool={draft.importPool}
            volume={draft.importVolume}
            onPick={(image) => {
              set({ importPool: image.pool, importVolume: image.volume });
              if (image.os) void adviceFor(image.os.id).then((advice) => set({ os: image.os!.id, osLabel: image.os!.name, ...advice }));
            }}
          />
          <VolumePicker
            context={context}
            label={t("diskImage")}
            pool={draft.importPool}
            volume={draft.importVolume}
            onPool={(p) => set({ importPool: p, importVolume: "" })}
            onVolume={(v) => set({ importVolume: v })}
            error={fields["install.volume"]}
            offer={(v) => !isCdImage(v)}
          />
          <CloudInitSection
            value={draft.cloudInit}
            onChange={(cloudInit) => set({ cloudInit })}
            hostId={draft.hostId}
            guestName={draft.name}
            fields={fields}
            prefix={SEED_FIELDS}
          />
        </>
      ) : null}
      {draft.method === "ova" ? <OvaSource draft={draft} set={set} context={context} fields={fields} /> : null}
      {draft.method === "url" ? <TreeFields draft={draft} set={set} fields={fields} /> : null}
      {draft.method === "pxe" ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("pxeHint")}</p> : null}
      <details className="text-sm">
        <summary className="cursor-pointer">{t("archOptions")}</summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          <Field label={t("arch")} error={fields.arch}>
            <Select
              value={draft.arch || context.arch}
              onChange={(e) => set({ arch: e.target.value === context.arch ? "" : e.target.value, machine: "" })}
            >
              {context.archs.map((a) => (
                <option key={a.arch} value={a.arch}>
                  {a.arch === context.arch ? t("native", { arch: a.arch }) : a.arch}
                </option>
              ))}
            </Select>
          </Field>
          <div className="space-y-1">
            <Field label={t("machineType")} error={fields.machine}>
              <Select value={draft.machine} onChange={(e) => set({ machine: e.target.value })}>
                <option value="">{tAll("chosenForOs")}</option>
                {machines.usual.map((m) => (
                  <option key={m}>{m}</option>
                ))}
                {machines.versioned.length ? (
                  <optgroup label={t("pinned")}>
                    {machines.versioned.map((m) => (
                      <option key={m}>{m}</option>
                    ))}
                  </optgroup>
                ) : null}
                {machines.special.length ? (
                  <optgroup label={t("special")}>
                    {machines.special.map((m) => (
                      <option key={m}>{m}</option>
                    ))}
                  </optgroup>
                ) : null}
              </Select>
            </Field>
            <label className="flex items-center gap-2 text-xs">
              <input type="checkbox" checked={allMachines} onChange={(e) => setAllMachines(e.target.checked)} /> {t("allMachines")}
            </label>
          </div>
          <Field label={t("virtType")} error={fields.virtType}>
            <Select
              value={draft.virtType === "kvm" ? "auto" : draft.virtType}
              onChange={(e) => set({ virtType: e.target.value as Draft["virtType"] })}
            >
              {virtTypeOptions(context.virtType).map((o) => (
                <option key={o.value} value={o.value}>
                  {t(`virtTypeOption.${o.words}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </details>
      {uploading && uploadPool ? (
        <UploadDialog
          pool={{ hostId: draft.hostId, name: uploadPool.name, availableBytes: uploadPool.availableBytes }}
          volumes={uploadPool.volumes}
          onUploaded={(volume) => {
            // The new ISO is the one to install from: chosen (and its OS detected) at once.
            set({ isoPool: uploadPool.name });
            void detect(uploadPool.name, volume);
          }}
          onClose={() => {
            setUploading(false);
            refresh();
          }}
        />
      ) : null}
    </div>
  );
}

/** The tree's URL, an optional kickstart and kernel arguments; the tree's .treeinfo names the OS. */
function TreeFields({ draft, set, fields }: Pick<StepProps, "draft" | "set" | "fields">) {
  const t = useTranslations("newGuest.source");
  const [reading, setReading] = useState<string | null>(null);
  const read = async () => {
    setReading(t("readingTree"));
    try {
      const tree = await api<DetectedOs>(`/api/hosts/${encodeURIComponent(draft.hostId)}/new-guest/tree`, { body: { url: draft.url } });
      set(tree.os ? { os: tree.os.id, osLabel: tree.os.name, detected: tree.os.name, ...(await adviceFor(tree.os.id)) } : { detected: "" });
      setReading(null);
    } catch (err) {
      setReading((err as Error).message);
    }
  };
  return (
    <div className="space-y-3">
      <Field label={t("url")} hint={t("urlHint")} error={fields["install.url"]}>
        <Input
          value={draft.url}
          onChange={(e) => set({ url: e.target.value, detected: null })}
          onBlur={() => draft.url && void read()}
          placeholder={EXAMPLE_TREE}
        />
      </Field>
      <Field label={t("kickstart")} hint={t("optional")} error={fields["install.kickstart"]}>
        <Input value={draft.kickstart} onChange={(e) => set({ kickstart: e.target.value })} />
      </Field>
      <Field label={t("kernelArgs")} hint={t("kernelArgsHint")} error={fields["install.kernelArgs"]}>
        <Input value={draft.kernelArgs} onChange={(e) => set({ kernelArgs: e.target.value })} />
      </Field>
      {reading ? (
        <p role="status" className="text-sm">
          {reading}
        </p>
      ) : null}
      {draft.detected !== null ? (
        <p role="status" className="text-sm">
          {draft.detected ? t("detected", { os: draft.detected }) : t("treeNotRecognised")}
        </p>
      ) : null}
    </div>
  );
}

/** Step 2: the OS, detected or picked from osinfo's list (end-of-life releases hidden unless asked). */
export function OsStep({ draft, set, fields }: StepProps) {
  const t = useTranslations("newGuest.os");
  const [query, setQuery] = useState("");
  const [eol, setEol] = useState(false);
  const list = useQuery({
    queryKey: ["osinfo", query, eol],
    queryFn: () => api<{ systems: OsOption[] }>(`/api/osinfo?q=${encodeURIComponent(query)}&eol=${eol ? 1 : 0}`),
  });
  const names = new Map([["generic", t("generic")], ...(list.data?.systems ?? []).map((os) => [os.id, os.name] as const)]);
  const choose = async (id: string, label: string) => {
    set({ os: id, osLabel: label, ...(await adviceFor(id)) });
  };
  return (
    <div className="space-y-3">
      <p className="text-sm">
        {t.rich("chosen", {
          name: draft.os === "generic" ? t("generic") : draft.osLabel,
          os: (chunks) => <strong data-testid="chosen-os">{chunks}</strong>,
        })}
        {draft.detected ? t("fromMedia") : ""}
      </p>
      <Field label={t("search")}>
        <Input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchPlaceholder")} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={eol} onChange={(e) => setEol(e.target.checked)} /> {t("eol")}
      </label>
      <ChoiceList
        label={t("list")}
        value={draft.os}
        onValueChange={(id) => void choose(id, names.get(id) ?? id)}
        choices={[
          { value: "generic", label: t("generic") },
          ...(list.data?.systems ?? []).map((os) => ({
            value: os.id,
            label: (
              <>
                {os.name} <span className="text-xs text-slate-500">{os.shortId}</span>
              </>
            ),
          })),
        ]}
      />
      <UnattendedSection draft={draft} set={set} fields={fields} />
    </div>
  );
}
