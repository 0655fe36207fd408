// Shared by server and browser: the console kinds and what a guest offers of them.

export const consoleKinds = ["vnc", "spice", "serial"] as const;
export type ConsoleKind = (typeof consoleKinds)[number];

/** A text console the serial view can open: libvirt's device alias and a label for people. */
export type TextConsole = { alias: string; label: string };

export type ConsoleOptions = {
  running: boolean;
  /** The guest's graphical displays, first one first (the one virt-manager opens). */
  displays: ("vnc" | "spice")[];
  textConsoles: TextConsole[];
};

/** Serial device aliases as libvirt names them (serial0, console1, …); the server refuses anything else. */
export const consoleDeviceAlias = /^[A-Za-z0-9_-]{1,32}$/;
