import "server-only";
import type { SerialLogPage, SerialLogSource } from "@/lib/consoles/serial-log";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { can } from "@/lib/roles";
import { Domain } from "@/lib/xml";
import type { Actor } from "../../auth/session";
import { db } from "../../db";
import { env, isPostgresUrl } from "../../env";
import { resolveGuest } from "../../guests/guest-target";
import { clusterSerialLogState } from "./cluster-state";
import { fileAccessOf } from "./sources";

export type SerialLogQuery = { device: string; q?: string; before?: number; limit: number };

const serialOf = (xml: string | null, device: string) =>
  xml ? Domain.parse(xml).devices.serials.items.find((s, i) => (s.alias ?? `serial${s.targetPort ?? i}`) === device) : undefined;

/** The kept lines of one guest console, newest page first (shown oldest first), optionally those containing `q`. Reading only. */
export async function serialLog(actor: Actor, hostId: string, uuid: string, query: SerialLogQuery): Promise<SerialLogPage> {
  const config = env();
  const where = {
    hostId,
    guestUuid: uuid,
    device: query.device,
    ...(query.before ? { id: { lt: query.before } } : {}),
    ...(query.q ? { text: { contains: query.q, ...(isPostgresUrl(config.DATABASE_URL) ? { mode: "insensitive" as const } : {}) } } : {}),
  };
  const [rows, source] = await Promise.all([
    db().serialLogLine.findMany({ where, orderBy: { id: "desc" }, take: query.limit + 1, select: { id: true, at: true, text: true } }),
    logSource(actor, hostId, uuid, query.device),
  ]);
  const more = rows.length > query.limit;
  const lines = rows
    .slice(0, query.limit)
    .reverse()
    .map((r) => ({ id: r.id, at: r.at.toISOString(), text: r.text }));
  return { lines, more, source, days: config.SERIAL_LOG_DAYS, maxLines: config.SERIAL_LOG_MAX_LINES };
}

/** Every kept line of one guest console as text, a time stamp before each, read from the database in batches. */
export function serialLogText(hostId: string, uuid: string, device: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  return new ReadableStream({
    async pull(controller) {
      const rows = await db().serialLogLine.findMany({
        where: { hostId, guestUuid: uuid, device, id: { gt: after } },
        orderBy: { id: "asc" },
        take: 2000,
        select: { id: true, at: true, text: true },
      });
      if (rows.length === 0) return controller.close();
      after = rows[rows.length - 1].id;
      controller.enqueue(encoder.encode(rows.map((r) => `${r.at.toISOString()}  ${r.text}\n`).join("")));
    },
  });
}

async function logSource(actor: Actor, hostId: string, uuid: string, device: string): Promise<SerialLogSource> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const host = await db().host.findUniqueOrThrow({ where: { id: hostId }, select: { uri: true } });
  const [active, persistent] = await Promise.all([lv.domains.isActive(dom), lv.domains.isPersistent(dom)]);
  const [liveXml, savedXml] = await Promise.all([
    active ? lv.domains.xml(dom) : null,
    persistent ? lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE) : null,
  ]);
  const live = serialOf(liveXml, device);
  const saved = serialOf(savedXml, device);
  const mayEnable = persistent && !saved?.logFile && can(actor.grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid });
  if (!fileAccessOf(host.uri)) return { state: "no-file-access", mayEnable: false };
  const path = live?.logFile ?? saved?.logFile;
  if (active && !live?.logFile)
    return saved?.logFile ? { state: "next-boot", path: saved.logFile, mayEnable } : { state: "no-log", mayEnable };
  if (!path) return { state: "no-log", mayEnable };
  const read = await clusterSerialLogState(hostId, uuid, device);
  if (!read) return { state: "waiting", path, mayEnable };
  return { state: read.state, path: read.path, message: read.message, mayEnable };
}
