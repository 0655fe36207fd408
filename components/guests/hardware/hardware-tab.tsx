"use client";

import { useTranslations } from "next-intl";
import { useState, type SyntheticEvent } from "react";
import type { HardwareResponse, HardwareSection } from "@/lib/guests/hardware/types";
import { Button } from "@/components/ui/button";
import { AddHardwareDialog } from "./add-hardware-dialog";
import { BootPage } from "./boot-page";
import { ChangeNoticeView } from "./change-notice";
import { CpuPage } from "./cpu-page";
import { DevicePage } from "./device-page";
import { PendingBadge } from "./form-controls";
import { GeneralPage, MemoryPage } from "./general-page";
import { useHardware, useHardwareChange, useHardwareChoices, type GuestRef } from "./hardware-api";
import { useDeviceWords, type DeviceWords } from "./use-device-words";
import { useUrlParam } from "./use-url-param";

/** The pages above the devices (their words: messages' hardware.sections). */
const sections: HardwareSection[] = ["general", "cpu", "memory", "boot"];

/** What waits for shutdown, by name, for the banner. */
function pendingNames(hw: HardwareResponse, t: ReturnType<typeof useTranslations<"hardware">>, said: DeviceWords): string[] {
  return [
    ...sections.filter((s) => hw.pendingSections.includes(s)).map((s) => t(`sections.${s}`)),
    ...hw.devices.flatMap((d) => (d.pending ? [t(`pendingKind.${d.pending}`, { title: said.device(d.text).title })] : [])),
  ];
}

/** virt-manager's details window: the guest's hardware on the left, the chosen page on the right. */
export function HardwareTab({ g, canManage }: { g: GuestRef; canManage: boolean }) {
  const t = useTranslations("hardware");
  const said = useDeviceWords();
  const hardware = useHardware(g);
  const change = useHardwareChange(g);
  // The host's option lists are for changing hardware; people who cannot change it are not sent asking.
  const { choices } = useHardwareChoices(g, hardware.isSuccess && canManage);
  const [item, setItem] = useUrlParam("item");
  const [adding, setAdding] = useState(false);
  // Above the page, which remounts whenever the definition changes: an open confirmation stays open.
  const [confirmingRemove, setConfirmingRemove] = useState<string | null>(null);
  // The definition a page's edits started from. A change made elsewhere meanwhile (another person, virsh, a live
  // event) does not reset the form under the person's hands: the page keeps it, says so, and a save from it meets
  // the server's etag check (a conflict, with the new definition). Their own saves re-read at once, as before.
  const [held, setHeld] = useState<HardwareResponse | null>(null);
  if (change.busy && held) setHeld(null); // their own save or a conflict: the page follows the re-read

  if (hardware.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (hardware.isError) {
    return (
      <p role="alert" className="text-sm text-red-600 dark:text-red-400">
        {t("loadFailed", { message: hardware.error.message })}
      </p>
    );
  }
  const hw = hardware.data;
  const shown = held ?? hw;
  const device = shown.devices.find((d) => d.key === item);
  // An unknown item (a removed device, a stale link) falls back to the overview.
  const selected = device ? device.key : sections.some((s) => s === item) ? (item as HardwareSection) : "general";
  const select = (next: string) => {
    change.dismiss();
    setHeld(null);
    setItem(next === "general" ? null : next);
  };
  /** A change, a key or a pointer on one of the page's controls starts an edit (a click elsewhere on the page does not). */
  const startEdit = (e: SyntheticEvent) => {
    if (canManage && e.target instanceof Element && e.target.closest("input, select, textarea, button, [role]")) setHeld((h) => h ?? hw);
  };
  const pending = pendingNames(hw, t, said);
  const props = { g, hw: shown, canManage, change };
  // Remounted when the definition it shows changes (etag), so the form starts from what is saved now.
  const pageKey = `${selected}@${shown.etag}`;

  const entry = (id: string, label: string, isPending: boolean) => (
    <li key={id}>
      <button
        type="button"
        aria-current={selected === id ? "page" : undefined}
        onClick={() => select(id)}
        className={`flex w-full items-center justify-between gap-2 rounded-md px-2 py-1.5 text-left text-sm ${selected === id ? "bg-blue-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
      >
        <span className="truncate">{label}</span>
        {isPending ? <PendingBadge /> : null}
      </button>
    </li>
  );

  return (
    <div className="space-y-4">
      {pending.length ? (
        <div
          role="status"
          aria-label={t("pendingChanges")}
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          <p className="font-medium">{t("afterShutdown")}</p>
          <ul className="mt-1 list-inside list-disc">
            {pending.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-[15rem_1fr]">
        <div className="space-y-3">
          <nav aria-label={t("list")} className="rounded-lg border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
            <ul className="space-y-0.5">
              {sections.map((s) => entry(s, t(`sections.${s}`), hw.pendingSections.includes(s)))}
              <li aria-hidden className="my-1 border-t border-slate-200 dark:border-slate-800" />
              {hw.devices.map((d) => entry(d.key, said.device(d.text).title, d.pending !== null))}
            </ul>
          </nav>
          {canManage ? (
            <Button
              type="button"
              variant="secondary"
              className="w-full"
              onClick={() => {
                change.dismiss();
                setAdding(true);
              }}
            >
              {t("add")}
            </Button>
          ) : null}
        </div>
        <div
          className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          data-testid="hardware-page"
          data-etag={shown.etag}
          // Bubbling, after the field's own handler: a re-render in the capture phase of an input event would put
          // the controlled field's old value back before its onChange saw the new one.
          onChange={startEdit}
          onKeyDown={startEdit}
          onPointerDown={startEdit}
        >
          {adding ? null : <ChangeNoticeView change={change} />}
          {shown.etag !== hw.etag ? (
            <div
              role="status"
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
            >
              <p>{t("changedElsewhere")}</p>
              <Button type="button" variant="secondary" className="px-2 py-1" onClick={() => setHeld(null)}>
                {t("showCurrent")}
              </Button>
            </div>
          ) : null}
          {selected === "general" ? <GeneralPage key={pageKey} {...props} /> : null}
          {selected === "cpu" ? <CpuPage key={pageKey} {...props} /> : null}
          {selected === "memory" ? <MemoryPage key={pageKey} {...props} /> : null}
          {selected === "boot" ? <BootPage key={pageKey} {...props} /> : null}
          {device ? (
            <DevicePage
              key={pageKey}
              {...props}
              device={device}
              choices={choices}
              onRemoved={() => setItem(null)}
              confirmingRemove={confirmingRemove === device.key}
              setConfirmingRemove={(open) => setConfirmingRemove(open ? device.key : null)}
            />
          ) : null}
        </div>
      </div>
      {canManage ? (
        <AddHardwareDialog open={adding} onClose={() => setAdding(false)} g={g} hw={hw} change={change} choices={choices} />
      ) : null}
    </div>
  );
}
