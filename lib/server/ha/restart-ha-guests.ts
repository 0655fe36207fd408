import "server-only";
import { placeGuest, type PlacementCandidate } from "@/lib/host-clusters/placement";
import type { HaRestartProblem } from "@/lib/high-availability/types";
import { isLibvirtError, ErrorCode, uuidFromString } from "@/lib/libvirt";
import { Domain } from "@/lib/xml/domain/domain";
import { parseConsoleTags } from "@/lib/xml/domain/console-tags";
import { audited, type AuditContext } from "../audit";
import { db } from "../db";
import { errorMessage } from "../jobs/job-row";
import type { JobHandle } from "../jobs/jobs";
import { settingsOf } from "../host-clusters/cluster-view";
import { candidateOf, memberFacts } from "../host-clusters/member-facts";
import { placementText } from "@/lib/host-clusters/placement-words";
import { englishTranslator } from "../i18n/english";

const english = englishTranslator("placementWords");

export type HaRestartReport = { host: string; restarted: { name: string; to: string }[]; notRestarted: HaRestartProblem[] };

/**
 * Restarts the highly available guests of a host known to be down (fenced, or confirmed by an admin), one by one,
 * on the members placement chooses: the kept definition is defined there and started. Each is audited. A start
 * libvirt refuses (QEMU's image lock or libvirt's lock manager finding the disk in use: the old copy still runs)
 * is reported with libvirt's words and not retried; the definition made for it is removed again. Guests that were
 * shut down on purpose (not running when last seen) stay down.
 */
export async function restartHaGuests(ctx: AuditContext, hostId: string, job: JobHandle): Promise<HaRestartReport> {
  const host = await db().host.findUniqueOrThrow({ where: { id: hostId }, include: { cluster: true } });
  const report: HaRestartReport = { host: host.name, restarted: [], notRestarted: [] };
  const guests = await db().haGuest.findMany({ where: { hostId, running: true }, orderBy: { name: "asc" } });
  if (!host.cluster) {
    report.notRestarted = guests.map((g) => ({ name: g.name, why: { key: "noCluster" } }));
    return report;
  }
  const rules = settingsOf(host.cluster);
  const members = (await memberFacts(host.cluster)).filter((m) => m.id !== hostId);
  const others: PlacementCandidate[] = members.map(candidateOf);
  job.progress(0, guests.length);
  for (const guest of guests) {
    if (job.signal.aborted) {
      report.notRestarted.push({ name: guest.name, why: { key: "haCancelled" } });
      continue;
    }
    const parsed = Domain.parse(guest.xml);
    const needs = { memoryMiB: Math.ceil((parsed.memoryKiB ?? 0) / 1024), vcpus: parsed.vcpus ?? 1, tags: parseConsoleTags(guest.xml) };
    const placed = placeGuest(others, rules, needs);
    if (!placed.ok) {
      report.notRestarted.push({ name: guest.name, why: placed.reason });
      continue;
    }
    const dest = placed.host;
    const lv = members.find((m) => m.id === dest.id)!.lv!;
    const details: Record<string, unknown> = { from: host.name, to: dest.name, reason: placementText(english, placed.reason) };
    try {
      await audited(ctx, { action: "guest.ha.restart", target: `guest:${dest.name}/${guest.name}`, details }, async () => {
        const existed = await lv.domains.lookupByUuid(uuidFromString(guest.uuid)).then(
          () => true,
          (err: unknown) => {
            if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN)) return false;
            throw err;
          },
        );
        const dom = await lv.domains.define(guest.xml);
        try {
          await lv.domains.start(dom);
        } catch (err) {
          // Refused (the disk is locked by the copy still running elsewhere, or anything else): nothing is left
          // behind on the destination, and nothing retries.
          if (!existed) await lv.domains.undefine(dom).catch(() => undefined);
          throw err;
        }
      });
      dest.freeMemoryMiB -= needs.memoryMiB;
      dest.vcpusPlaced += needs.vcpus;
      dest.guestTags = [...dest.guestTags, ...needs.tags];
      await db().haGuest.update({ where: { uuid: guest.uuid }, data: { hostId: dest.id, running: true } });
      report.restarted.push({ name: guest.name, to: dest.name });
    } catch (err) {
      report.notRestarted.push({ name: guest.name, why: errorMessage(err) });
    }
    job.progress(report.restarted.length + report.notRestarted.length, guests.length);
    job.detail(report);
  }
  return report;
}
