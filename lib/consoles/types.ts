// Shared by server and browser: the console kinds and what a guest offers of them.
import type { LayoutId } from "./keyboard-layouts";

export const consoleKinds = ["vnc", "spice", "serial"] as const;
export type ConsoleKind = (typeof consoleKinds)[number];

/** A text console the serial view can open: libvirt's device alias and a label for people. */
export type TextConsole = { alias: string; label: string };

export type ConsoleOptions = {
  running: boolean;
  /** The guest's graphical displays, first one first (the one virt-manager opens). */
  displays: ("vnc" | "spice")[];
  textConsoles: TextConsole[];
  /** The keyboard layout the first display's keymap names, for Paste as keys (the person may choose another). */
  layout: LayoutId | null;
};

/** Serial device aliases as libvirt names them (serial0, console1, …); the server refuses anything else. */
export const consoleDeviceAlias = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * A display's clipboard channel: QEMU's vdagent for VNC, the SPICE agent channel for SPICE. `channel`: in the
 * running guest, only in the saved definition (it applies at the next boot), or nowhere. `agent`: whether the
 * guest's side (spice-vdagent) has opened it, while the guest runs.
 */
export type ClipboardStatus = {
  display: "vnc" | "spice";
  channel: "active" | "next-boot" | "none";
  agent: "connected" | "disconnected" | null;
  /** The running channel shares the clipboard (qemu-vdagent can be set not to). */
  sharing: boolean;
  /** This person may add the channel to the saved definition (guest.manage, a persistent guest without it). */
  mayAdd: boolean;
};
