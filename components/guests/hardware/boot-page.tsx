"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { BootView } from "@/lib/guests/hardware/types";
import { bootSchema } from "@/lib/validations/hardware/sections";
import { BootList, type BootRow } from "./boot-list";
import { CheckField, LabeledField, SectionPage, controlClass } from "./form-controls";
import { hardwarePath, type SectionProps } from "./hardware-api";
import { firmwareKind } from "@/lib/guests/firmware-label";

/** The direct kernel boot fields, in the order shown. */
const DIRECT_BOOT = ["kernel", "initrd", "cmdline"] as const;

type BootState = { autostart: boolean; bootMenu: boolean; rows: BootRow[]; kernel: string; initrd: string; cmdline: string };

/** Devices in the boot order first (by order), then the others as the definition lists them. */
function rowsOf(entries: BootView["entries"]): BootRow[] {
  const booting = entries.filter((e) => e.order !== null).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const rest = entries.filter((e) => e.order === null);
  return [...booting, ...rest].map((e) => ({ key: e.key, label: e.label, enabled: e.order !== null }));
}

const fromView = (v: BootView): BootState => ({
  autostart: v.autostart,
  bootMenu: v.bootMenu,
  rows: rowsOf(v.entries),
  kernel: v.kernel,
  initrd: v.initrd,
  cmdline: v.cmdline,
});

const toInput = (s: BootState, etag: string) => ({
  etag,
  autostart: s.autostart,
  bootMenu: s.bootMenu,
  order: s.rows.filter((r) => r.enabled).map((r) => r.key),
  kernel: s.kernel,
  initrd: s.initrd,
  cmdline: s.cmdline,
});

export function BootPage({ g, hw, canManage, change }: SectionProps) {
  const t = useTranslations("hardware.boot");
  const tSections = useTranslations("hardware.sections");
  const tFirmware = useTranslations("newGuest.firmwareKind");
  const v = hw.boot;
  const [s, setState] = useState<BootState>(() => fromView(v));
  const set = (patch: Partial<BootState>) => setState((old) => ({ ...old, ...patch }));
  const errors = useFormErrors();
  const e = errors.fields;
  const dirty = JSON.stringify(toInput(s, hw.etag)) !== JSON.stringify(toInput(fromView(v), hw.etag));
  const apply = () => {
    const body = errors.validate(bootSchema, toInput(s, hw.etag));
    if (body) void change.submit({ path: hardwarePath(g, "/boot"), method: "PATCH", body, done: t("saved") }, errors.fromError);
  };
  const revert = () => {
    setState(fromView(v));
    errors.clear();
  };
  const text = (name: (typeof DIRECT_BOOT)[number]) => (
    <LabeledField key={name} label={t(name)} error={e[name]} hint={t(`${name}Hint`)}>
      {(p) => (
        <input
          {...p}
          className={`${controlClass} font-mono`}
          value={s[name]}
          onChange={(ev) => set({ [name]: ev.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </LabeledField>
  );

  return (
    <SectionPage
      title={tSections("boot")}
      pending={hw.pendingSections.includes("boot")}
      canManage={canManage}
      dirty={dirty}
      busy={change.busy}
      onApply={apply}
      onRevert={revert}
    >
      <CheckField label={t("autostart")} checked={s.autostart} onChange={(autostart) => set({ autostart })} live error={e.autostart} />
      <p className="text-sm" data-testid="boot-firmware">
        <span className="font-medium">{t("firmware")}</span> {tFirmware(firmwareKind(hw.general.firmware, hw.general.secureBoot))}
        {/* Like virt-manager, firmware is chosen before install (the wizard's Customize step); switching it later leaves the installed OS unbootable. */}
        <span className="ml-2 text-xs text-slate-500">{t("firmwareFixed")}</span>
      </p>
      <CheckField label={t("bootMenu")} checked={s.bootMenu} onChange={(bootMenu) => set({ bootMenu })} error={e.bootMenu} />
      <fieldset className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">{t("order")}</legend>
        <p className="text-xs text-slate-500">{t("orderHint")}</p>
        <BootList rows={s.rows} onChange={(rows) => set({ rows })} disabled={!canManage} />
        {e.order ? <p className="text-sm text-red-600 dark:text-red-400">{e.order}</p> : null}
      </fieldset>
      <details
        className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        open={Boolean(v.kernel || e.kernel || e.initrd || e.cmdline)}
      >
        <summary className="cursor-pointer text-sm font-semibold">{t("direct")}</summary>
        <div className="mt-3 space-y-3">{DIRECT_BOOT.map((name) => text(name))}</div>
      </details>
    </SectionPage>
  );
}
