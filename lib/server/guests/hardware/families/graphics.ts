import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { imageCompressions, type GraphicsValues } from "@/lib/validations/hardware/graphics";
import { Graphics } from "@/lib/xml";
import { defineCodec } from "../codec";
import { cannotCreate, changed, known } from "./shared-codec";

function listenAddress(g: Graphics): string | undefined {
  return g.listenType === "address" || g.listenType === undefined ? (g.listenAddress ?? g.listen) : undefined;
}

function valuesOf(g: Graphics): GraphicsValues {
  const address = listenAddress(g) ?? "127.0.0.1";
  const preset = address === "127.0.0.1" || address === "0.0.0.0";
  return {
    type: g.type === "vnc" ? "vnc" : "spice",
    listen: g.listenType === "none" ? "none" : "address",
    address: preset ? address : "custom",
    customAddress: preset ? "" : address,
    portMode: g.autoport || g.port === undefined || g.port === -1 ? "auto" : "fixed",
    // An automatic port is whatever the running guest got; it is no setting, so it reads as null.
    port: !g.autoport && g.port !== undefined && g.port > 0 ? g.port : null,
    passwordMode: g.passwd ? "keep" : "none",
    password: "",
    keymap: g.keymap ?? "",
    imageCompression: known(imageCompressions, g.imageCompression, ""),
  };
}

function writeListen(g: Graphics, v: GraphicsValues): void {
  if (v.listen === "none") {
    g.listen = undefined;
    g.listenAddress = undefined;
    g.listenNetwork = undefined;
    g.listenType = "none";
    // libvirt refuses ports on a display that listens nowhere.
    g.port = undefined;
    g.autoport = undefined;
  } else g.listenOn(v.address === "custom" ? v.customAddress : v.address);
}

function writePort(g: Graphics, v: GraphicsValues): void {
  if (v.listen === "none") return;
  const auto = v.portMode === "auto";
  g.port = auto ? undefined : (v.port ?? undefined);
  g.autoport = auto;
  // SPICE's TLS port follows the plain one; a fixed one would keep a stale port in use.
  if (auto) g.tlsPort = undefined;
}

function writePassword(g: Graphics, v: GraphicsValues): void {
  if (v.passwordMode === "keep") return;
  g.passwd = v.passwordMode === "set" ? v.password : undefined;
  if (v.passwordMode === "none") g.passwdValidTo = undefined;
}

export const graphicsCodec = defineCodec<Graphics, GraphicsValues>({
  family: "graphics",
  list: (dom) => dom.devices.graphics,
  describe: (g) => {
    const name = g.type === "vnc" ? "VNC" : g.type === "spice" ? "Spice" : (g.type ?? "?");
    const address = listenAddress(g) ?? g.listenNetwork;
    const where = g.listenType === "none" ? say("noListener") : address ? say("listensOn", { address }) : say("listensOnDefault");
    const port = g.port !== undefined && g.port > 0 ? say("port", { port: String(g.port) }) : g.autoport && say("automaticPort");
    return describeAs([say("display"), name], [where, port, say(g.passwd ? "passwordSet" : "noPassword")]);
  },
  values: valuesOf,
  create: (v) => {
    if (v.passwordMode === "keep") cannotCreate("newDisplayNoPassword");
    const g = new Graphics({ type: v.type });
    writePort(g, v);
    writeListen(g, v);
    writePassword(g, v);
    if (v.keymap) g.keymap = v.keymap;
    if (v.type === "spice" && v.imageCompression) g.imageCompression = v.imageCompression;
    return { device: g };
  },
  edit: (g, v) => {
    const before = valuesOf(g);
    if (changed(before, v, "listen", "address", "customAddress")) writeListen(g, v);
    if (changed(before, v, "listen", "portMode") || (v.portMode === "fixed" && changed(before, v, "port"))) writePort(g, v);
    // "none" on a display without a password leaves alone what it has instead (an expiry date, say).
    if (v.passwordMode === "set" || changed(before, v, "passwordMode")) writePassword(g, v);
    if (changed(before, v, "keymap")) g.keymap = v.keymap || undefined;
    if (v.type === "spice" && changed(before, v, "imageCompression")) g.imageCompression = v.imageCompression || undefined;
  },
  // libvirt sets passwords of a running display (update-device) but cannot add or remove displays.
  hotplug: { attach: false, detach: false, update: true },
  // No runtimeFields: with autoport the port reads as null in both the live and the saved guest, so a
  // changed fixed port still shows as pending.
  secretFields: ["password"],
});
