import "server-only";
import type { ConsoleOptions, TextConsole } from "@/lib/consoles/types";
import { layoutForKeymap } from "@/lib/consoles/keyboard-layouts";
import { Domain } from "@/lib/xml";
import { resolveGuest } from "../guests/guest-target";

/**
 * What the console page can open for a guest: its VNC/SPICE displays and its text consoles, by the alias
 * libvirt's console stream takes. A <console> that mirrors serial port N is the same device as serialN,
 * so it is listed once.
 */
export async function consoleOptions(hostId: string, uuid: string): Promise<ConsoleOptions> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const [running, xml] = await Promise.all([lv.domains.isActive(dom), lv.domains.xml(dom)]);
  const { devices } = Domain.parse(xml);
  const displays = devices.graphics.items.flatMap((g) => (g.type === "vnc" || g.type === "spice" ? [g.type] : []));
  const textConsoles: TextConsole[] = [];
  devices.serials.items.forEach((s, i) => {
    const port = s.targetPort ?? i;
    textConsoles.push({ alias: s.alias ?? `serial${port}`, label: `Serial port ${port + 1}` });
  });
  devices.consoles.items.forEach((c, i) => {
    const alias = c.alias ?? `console${i}`;
    if (c.targetType === "serial" || textConsoles.some((t) => t.alias === alias)) return;
    textConsoles.push({ alias, label: `${c.targetType === "virtio" ? "Virtio console" : "Console"} ${i + 1}` });
  });
  const keymap = devices.graphics.items.find((g) => g.type === "vnc" || g.type === "spice")?.keymap;
  return { running, displays, textConsoles, layout: layoutForKeymap(keymap) };
}
