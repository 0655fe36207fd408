// Shared by server and browser: who is on a guest's consoles, and the messages a console page and the relay
// exchange about control (text frames on the console's own WebSocket; the guest's bytes are binary frames).
import { z } from "zod";
import { consoleKinds } from "./types";

export type SeatMode = "control" | "view";

/** One person on one console of a guest, as everyone with console access to that guest sees them. */
export type Seat = {
  id: string;
  hostId: string;
  uuid: string;
  kind: (typeof consoleKinds)[number];
  /** Serial consoles: the device alias (serial0, …). */
  device?: string;
  userId: string;
  name: string;
  /** When they joined (ISO 8601). */
  since: string;
  /** VNC: who may type. SPICE and serial consoles have no watchers: their one session always types. */
  mode: SeatMode;
};

export type PresenceResponse = { seats: Seat[] };

/**
 * Why the relay refused a page's control request, as a key of messages "consoleRefusals" (the page words it):
 * heldBy names who has control.
 */
export type ControlRefusal =
  { key: "vncOnly" | "closed" | "noControlToGive" | "askerLeft" | "notUnderstood" } | { key: "heldBy"; name: string };

/** What the relay tells one page about its own seat. */
export type ConsoleNotice =
  | { type: "seat"; seat: string; mode: SeatMode; mayTake: boolean }
  | { type: "control.asked"; from: string; name: string }
  | { type: "control.answered"; give: boolean; by: string }
  | { type: "control.refused"; refusal: ControlRefusal };

/** What a page may ask of the relay about control of a VNC display. */
export const consoleRequestSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("control.ask") }),
  z.object({ type: z.literal("control.answer"), to: z.string().min(1).max(64), give: z.boolean() }),
  z.object({ type: z.literal("control.take") }),
  z.object({ type: z.literal("control.release") }),
]);
export type ConsoleRequest = z.infer<typeof consoleRequestSchema>;

/** The seat in control of a guest's VNC display, if anyone has it. */
export const controllerOf = (seats: readonly Seat[]): Seat | undefined => seats.find((s) => s.kind === "vnc" && s.mode === "control");

export function parseNotice(text: string): ConsoleNotice | null {
  try {
    const msg = JSON.parse(text) as { type?: unknown };
    return typeof msg === "object" && msg !== null && typeof msg.type === "string" ? (msg as ConsoleNotice) : null;
  } catch {
    return null;
  }
}

/** Someone else who may open a guest's console: whom a view-only invitation can go to. */
export type Colleague = { id: string; name: string; username: string };

/** The console page's query for a view-only link: the page joins the display watching. */
export const WATCH_PARAM = { name: "join", value: "watch" } as const;
