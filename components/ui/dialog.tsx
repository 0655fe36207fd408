"use client";

import { useTranslations } from "next-intl";
import { Dialog as RadixDialog } from "radix-ui";
import { Button } from "./button";

/**
 * A modal on Radix Dialog: focus is trapped inside and returns to the opener, Escape closes, the page behind is
 * hidden from assistive technology. A click outside does not close it (a half-filled form is not lost by a stray click).
 * The body scrolls within the viewport, so a refusal at the bottom of a long dialog stays reachable.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  wide = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  footer?: React.ReactNode;
  wide?: boolean;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <RadixDialog.Content
          aria-describedby={undefined}
          onPointerDownOutside={(e) => e.preventDefault()}
          className={`fixed top-1/2 left-1/2 z-40 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col ${wide ? "max-w-2xl" : "max-w-md"} rounded-lg border border-slate-200 bg-white text-slate-900 shadow-xl focus:outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
        >
          <RadixDialog.Title className="px-5 pt-5 text-lg font-semibold">{title}</RadixDialog.Title>
          <div className="mt-3 min-h-0 flex-1 space-y-3 overflow-y-auto px-5 pb-1 text-sm">{children}</div>
          {footer ? <div className="flex flex-wrap justify-end gap-2 px-5 pt-4 pb-5">{footer}</div> : <div className="pb-4" />}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** A question with Cancel and one confirming button (red when it destroys something). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("ui");
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
          <Button variant={danger ? "danger" : "primary"} disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
