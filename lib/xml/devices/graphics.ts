import { attr, defineModel, int, yesNo, text } from "../core";
import { deviceTail } from "./common";

export type GraphicsType = "vnc" | "spice" | "sdl" | "rdp" | "egl-headless" | "dbus";

/**
 * VNC or SPICE display. libvirt mirrors the first <listen type='address'> into the listen
 * attribute; use listenOn() to change both together.
 */
export class Graphics extends defineModel("Graphics", "graphics", {
  type: text<GraphicsType>("./@type"),
  port: int("./@port"),
  tlsPort: int("./@tlsPort"),
  autoport: yesNo("./@autoport"),
  websocket: int("./@websocket"),
  listen: text("./@listen"),
  passwd: text("./@passwd"),
  passwdValidTo: text("./@passwdValidTo"),
  /** On a live password change: what happens to connected clients (keep, disconnect, fail). */
  connected: text<"keep" | "disconnect" | "fail">("./@connected"),
  keymap: text("./@keymap"),
  defaultMode: text("./@defaultMode"),
  listenType: attr<"address" | "network" | "socket" | "none">("./listen", "type"),
  listenAddress: attr("./listen", "address"),
  listenNetwork: attr("./listen", "network"),
  imageCompression: attr("./image", "compression"),
  glEnable: yesNo("./gl/@enable"),
  ...deviceTail,
}) {
  /** Listen on one address (e.g. 127.0.0.1), keeping the attribute and the <listen> element in step. */
  listenOn(address: string): void {
    this.listen = address;
    this.listenNetwork = undefined;
    this.listenType = "address";
    this.listenAddress = address;
  }
}
