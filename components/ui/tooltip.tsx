"use client";

import { Tooltip as Radix } from "radix-ui";

/**
 * A short description shown on hover and on keyboard focus (Radix Tooltip; Escape hides it), read to assistive
 * technology as the trigger's description. The trigger must be focusable: a button, a link, or an element with
 * tabIndex. `content` null or undefined renders the trigger alone.
 */
export function Tooltip({ content, children }: { content: React.ReactNode; children: React.ReactElement }) {
  if (content === null || content === undefined || content === "") return children;
  return (
    <Radix.Provider delayDuration={400}>
      <Radix.Root>
        <Radix.Trigger asChild>{children}</Radix.Trigger>
        <Radix.Portal>
          <Radix.Content
            sideOffset={4}
            collisionPadding={8}
            className="z-50 max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-md dark:bg-slate-100 dark:text-slate-900"
          >
            {content}
          </Radix.Content>
        </Radix.Portal>
      </Radix.Root>
    </Radix.Provider>
  );
}
