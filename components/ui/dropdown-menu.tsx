"use client";

import Link from "next/link";
import { DropdownMenu as Radix } from "radix-ui";
import { useId } from "react";

const itemClass =
  "relative flex w-full cursor-default items-center gap-2 rounded px-3 py-1.5 text-left text-sm outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800";
const dangerClass = "text-red-600 dark:text-red-400";

/**
 * A menu button on Radix DropdownMenu: arrow keys, Home/End and typeahead move between items, Escape closes and
 * focus returns to the button. Not modal, so the page stays usable (and reachable by assistive technology) while it is
 * open, and a dialog opened from an item gets the focus cleanly. `inline` keeps the menu in place in the DOM (for a
 * menu that belongs to a landmark, such as the sidebar's); otherwise it is portalled so no scroll box clips it.
 */
export function Menu({
  trigger,
  children,
  label,
  align = "end",
  side = "bottom",
  inline = false,
}: {
  trigger: React.ReactElement;
  children: React.ReactNode;
  label?: string;
  align?: "start" | "end";
  side?: "bottom" | "right";
  inline?: boolean;
}) {
  const content = (
    <Radix.Content
      aria-label={label}
      align={align}
      side={side}
      sideOffset={4}
      collisionPadding={8}
      className="z-50 max-h-[var(--radix-dropdown-menu-content-available-height)] min-w-48 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {children}
    </Radix.Content>
  );
  return (
    <Radix.Root modal={false}>
      <Radix.Trigger asChild>{trigger}</Radix.Trigger>
      {inline ? content : <Radix.Portal>{content}</Radix.Portal>}
    </Radix.Root>
  );
}

/** One command; `hint` is a muted second line that describes it (aria-describedby), `danger` marks what destroys. */
export function MenuItem({
  onSelect,
  danger = false,
  disabled = false,
  hint,
  children,
}: {
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
  hint?: string;
  children: React.ReactNode;
}) {
  const hintId = useId();
  return (
    <Radix.Item
      onSelect={onSelect}
      disabled={disabled}
      aria-describedby={hint ? hintId : undefined}
      className={`${itemClass} ${hint ? "flex-col items-start gap-0" : ""} ${danger ? dangerClass : ""}`}
    >
      <span>{children}</span>
      {hint ? (
        <span id={hintId} className="max-w-64 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </span>
      ) : null}
    </Radix.Item>
  );
}

/** An item that navigates (a real link, so it opens in a new tab too). */
export function MenuLink({ href, children, onSelect }: { href: string; children: React.ReactNode; onSelect?: () => void }) {
  return (
    <Radix.Item asChild onSelect={onSelect} className={itemClass}>
      <Link href={href} prefetch={false}>
        {children}
      </Link>
    </Radix.Item>
  );
}

/** An on/off setting in a menu (role menuitemcheckbox); the menu stays open so the new state can be seen. */
export function MenuCheckboxItem({
  checked,
  onCheckedChange,
  disabled = false,
  children,
}: {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Radix.CheckboxItem
      checked={checked}
      onCheckedChange={onCheckedChange}
      onSelect={(e) => e.preventDefault()}
      disabled={disabled}
      className={`${itemClass} pl-7`}
    >
      <Radix.ItemIndicator className="absolute left-2">✓</Radix.ItemIndicator>
      {children}
    </Radix.CheckboxItem>
  );
}

/** One choice of several (role menuitemradio); the menu stays open. */
export function MenuRadioGroup<T extends string>({
  label,
  value,
  onValueChange,
  options,
}: {
  label: string;
  value: T;
  onValueChange: (value: T) => void;
  options: readonly { value: T; label: string }[];
}) {
  return (
    <Radix.Group aria-label={label}>
      <Radix.Label className="px-3 pt-1.5 pb-1 text-xs text-slate-500">{label}</Radix.Label>
      <Radix.RadioGroup value={value} onValueChange={(v) => onValueChange(v as T)}>
        {options.map((o) => (
          <Radix.RadioItem key={o.value} value={o.value} onSelect={(e) => e.preventDefault()} className={`${itemClass} pl-7`}>
            <Radix.ItemIndicator className="absolute left-2">●</Radix.ItemIndicator>
            {o.label}
          </Radix.RadioItem>
        ))}
      </Radix.RadioGroup>
    </Radix.Group>
  );
}

export function MenuSeparator() {
  return <Radix.Separator className="-mx-1 my-1 h-px bg-slate-200 dark:bg-slate-700" />;
}
