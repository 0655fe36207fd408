"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { GuestRow, PowerAction } from "@/lib/guests/types";
import { actionLabels, availableActions } from "./actions-model";

type Position = { top: number; right: number };

const placeBelow = (r: DOMRect): Position => ({
  top: Math.min(r.bottom + 4, window.innerHeight - 260),
  right: Math.max(4, window.innerWidth - r.right),
});

/**
 * The ⋯ menu of one row. Rendered in a portal at a fixed position, so the virtualised list's scroll box
 * never clips it; it closes on Escape or an outside click and follows the button when the list scrolls.
 */
export function RowActionMenu({
  guest,
  canPower,
  canManage = false,
  onAction,
}: {
  guest: GuestRow;
  canPower: boolean;
  canManage?: boolean;
  onAction: (action: PowerAction) => void;
}) {
  const [pos, setPos] = useState<Position | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const open = pos !== null;

  useEffect(() => {
    if (!open) return;
    const close = () => setPos(null);
    // Follow the button when the list scrolls (focusing it may scroll it into view); close if it leaves the screen.
    const follow = () => {
      const r = button.current?.getBoundingClientRect();
      if (!r || r.bottom < 0 || r.top > window.innerHeight) return close();
      setPos(placeBelow(r));
    };
    const onDown = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        close();
        button.current?.focus();
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    window.addEventListener("scroll", follow, true);
    window.addEventListener("resize", follow);
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
      window.removeEventListener("scroll", follow, true);
      window.removeEventListener("resize", follow);
    };
  }, [open]);

  const toggle = () => {
    if (open) return setPos(null);
    const r = button.current?.getBoundingClientRect();
    if (r) setPos(placeBelow(r));
  };
  const actions = canPower ? availableActions(guest.state) : [];
  const item =
    "block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800";

  const onMenuKey = (e: React.KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label={`Actions for ${guest.name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={toggle}
        className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100"
      >
        ⋯
      </button>
      {open
        ? createPortal(
            <div
              ref={menu}
              role="menu"
              aria-label={`Actions for ${guest.name}`}
              onKeyDown={onMenuKey}
              style={{ top: pos.top, right: pos.right }}
              className="fixed z-40 w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
            >
              <Link
                role="menuitem"
                prefetch={false}
                href={`/guests/${encodeURIComponent(guest.hostId)}/${guest.uuid}`}
                className={item}
                onClick={() => setPos(null)}
              >
                Open details
              </Link>
              {actions.map((a) => (
                <button
                  key={a}
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    setPos(null);
                    onAction(a);
                  }}
                  className={`${item} ${a === "forceoff" ? "text-red-600 dark:text-red-400" : ""}`}
                >
                  {a === "forceoff"
                    ? "Force off…"
                    : a === "reset"
                      ? "Reset…"
                      : a === "start" && guest.hasManagedSave
                        ? "Start (from saved state)"
                        : actionLabels[a]}
                </button>
              ))}
              {canManage ? (
                <Link
                  role="menuitem"
                  prefetch={false}
                  href={`/guests/${encodeURIComponent(guest.hostId)}/${guest.uuid}?dialog=migrate`}
                  className={item}
                  onClick={() => setPos(null)}
                >
                  Migrate…
                </Link>
              ) : null}
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
