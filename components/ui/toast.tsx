"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useState } from "react";

type Toast = { id: number; kind: "success" | "error"; message: string };
type ToastApi = { success: (message: string) => void; error: (message: string) => void };

const ToastContext = createContext<ToastApi | null>(null);
const shownFor = { success: 4000, error: 8000 } as const;

/**
 * Short notices after an action. Kept hand-made rather than Radix Toast: each is already a live region (role status,
 * or alert for errors) that screen readers announce and tests find by role; what was missing is added here: a toast
 * stays while the pointer or focus is on it, and has a Dismiss button.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((kind: Toast["kind"], message: string) => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t.slice(-4), { id, kind, message }]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const [api] = useState<ToastApi>(() => ({ success: (m) => push("success", m), error: (m) => push("error", m) }));
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="fixed right-4 bottom-4 z-50 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2" aria-live="polite">
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const t = useTranslations("ui");
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => onDismiss(toast.id), shownFor[toast.kind]);
    return () => clearTimeout(timer);
  }, [held, toast, onDismiss]);
  return (
    <div
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className={`flex items-start gap-2 rounded-md px-4 py-3 text-sm text-white shadow-lg ${toast.kind === "error" ? "bg-red-600" : "bg-emerald-600"}`}
    >
      <div role={toast.kind === "error" ? "alert" : "status"} className="min-w-0 flex-1">
        {toast.message}
      </div>
      <button
        type="button"
        aria-label={t("dismiss")}
        onClick={() => onDismiss(toast.id)}
        className="-my-0.5 rounded px-1 hover:bg-white/20"
      >
        <span aria-hidden>×</span>
      </button>
    </div>
  );
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast needs a ToastProvider");
  return ctx;
}
