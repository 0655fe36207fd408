import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import type { ClipboardStatus } from "@/lib/consoles/types";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { can } from "@/lib/roles";
import { Channel, Domain } from "@/lib/xml";
import { resolveGuest } from "../guests/guest-target";
import { addDevice } from "../guests/hardware/add-device";
import { loadDefinition } from "../guests/hardware/definition";
import { ApiError } from "../http/errors";

type Display = ClipboardStatus["display"];

/** The channel that carries a display's clipboard: QEMU's own vdagent for VNC, spicevmc for SPICE. */
const channelType = { vnc: "qemu-vdagent", spice: "spicevmc" } as const;
const findChannel = (dom: Domain, display: Display) => dom.devices.channels.find((c) => c.type === channelType[display]);

/** Whether the guest has its display's clipboard channel, live or for the next boot, and whether its agent answers. Reading only. */
export async function clipboardStatus(
  { actor }: VerbContext,
  { hostId, uuid, display }: GuestRef & { display: Display },
): Promise<ClipboardStatus> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const [active, persistent] = await Promise.all([lv.domains.isActive(dom), lv.domains.isPersistent(dom)]);
  const [liveXml, savedXml] = await Promise.all([
    active ? lv.domains.xml(dom) : null,
    persistent ? lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE) : null,
  ]);
  const live = liveXml ? findChannel(Domain.parse(liveXml), display) : undefined;
  const saved = savedXml ? findChannel(Domain.parse(savedXml), display) : undefined;
  return {
    display,
    channel: live ? "active" : saved ? "next-boot" : "none",
    agent: live ? (live.targetState ?? "disconnected") : null,
    sharing: live ? live.clipboardCopyPaste !== "no" : Boolean(saved && saved.clipboardCopyPaste !== "no"),
    mayAdd: persistent && !saved && can(actor.grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid }),
  };
}

/**
 * Adds the clipboard channel to the guest's saved definition only (it applies at the next boot), through the
 * hardware editor's own verb: audited as guest.device.add, checked against libvirt's schema.
 */
export async function addClipboardChannel(ctx: VerbContext, { hostId, uuid, display }: GuestRef & { display: Display }) {
  const target = await resolveGuest(hostId, uuid);
  if (!(await target.lv.domains.isPersistent(target.dom))) throw new ApiError(409, { key: "transientNoChannel" });
  const { etag, saved } = await loadDefinition(target);
  if (findChannel(saved, display)) throw new ApiError(409, { key: "channelExists" });
  const channel = display === "vnc" ? Channel.qemuVdagent() : Channel.spiceAgent();
  const values = { type: channel.type ?? "", targetType: "virtio", name: channel.targetName ?? "", clipboard: true, mouseMode: "client" };
  return addDevice(ctx, { hostId, uuid, etag, family: "channel", values, persistentOnly: true });
}
