import "server-only";
import type { VerbContext } from "../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import { open } from "node:fs/promises";
import type { GuestTrouble } from "@/lib/guests/stop-reason";
import { isThisMachine } from "@/lib/hosts/this-machine";
import { VirDomainDiskErrorCode } from "@/lib/libvirt/generated/flags";
import { db } from "../db";
import { notFound } from "../http/errors";
import { resolveGuest } from "./guest-target";

/** Where libvirt's QEMU driver writes each guest's log on its host. */
export const QEMU_LOG_DIR = "/var/log/libvirt/qemu";
const LOG_LINES = 20;
/** Enough for 20 long lines (QEMU's command line is one); the file itself may be megabytes. */
const TAIL_BYTES = 64 * 1024;

/** The last `count` lines of a file, reading only its end. */
export async function tailLines(path: string, count = LOG_LINES): Promise<string[]> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const length = Math.min(size, TAIL_BYTES);
    const { buffer, bytesRead } = await file.read(Buffer.alloc(length), 0, length, size - length);
    const lines = buffer.subarray(0, bytesRead).toString("utf8").split("\n");
    if (length < size) lines.shift(); // the first line is cut
    while (lines.length && lines.at(-1) === "") lines.pop();
    return lines.slice(-count);
  } finally {
    await file.close();
  }
}

/**
 * What libvirt and QEMU can say about a guest that paused or crashed by itself: the disks libvirt saw
 * fail, and the last lines of QEMU's log. libvirt has no call that returns the log, so it is read
 * from this machine's own log directory, for guests of this machine's system libvirt only.
 */
export async function readGuestTrouble(_ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<GuestTrouble> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("host");
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const active = await lv.domains.isActive(dom);
  const errors = active ? await lv.domains.diskErrors(dom).catch(() => []) : [];
  const diskErrors = errors
    .filter((e) => e.error !== VirDomainDiskErrorCode.VIR_DOMAIN_DISK_ERROR_NONE)
    .map(
      (e) =>
        ({
          disk: e.disk,
          error: e.error === VirDomainDiskErrorCode.VIR_DOMAIN_DISK_ERROR_NO_SPACE ? "no space left" : "I/O error",
        }) as const,
    );
  const path = `${QEMU_LOG_DIR}/${dom.name}.log`;
  if (!isThisMachine(host.uri) || dom.name.includes("/")) {
    return { diskErrors, log: { unavailable: "logElsewhere", path, host: host.name } };
  }
  try {
    return { diskErrors, log: { lines: await tailLines(path), path } };
  } catch (err) {
    // libvirt writes these logs for root alone (0600), and the console runs as its own user (README).
    const unavailable = (err as NodeJS.ErrnoException).code === "EACCES" ? "logRootOnly" : "logMissing";
    return { diskErrors, log: { unavailable, path, host: host.name } };
  }
}
