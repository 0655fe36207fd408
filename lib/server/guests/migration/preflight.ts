import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { DomainState } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { MigrationCheck, MigrationProblem } from "@/lib/guests/migration-types";
import { ApiError } from "../../http/errors";
import type { MigrationOptions } from "@/lib/validations/migration";
import { Capabilities, Domain } from "@/lib/xml";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { resolveGuest } from "../guest-target";
import { checkCpu, checkDisks, checkNetworks } from "./destination-checks";
import { connectDestination, resolveDestination, type Destination } from "./destination";
import { blocking } from "./problem";

/**
 * What stands in the way of migrating the guest with these options, in words: wrong state for the
 * mode, the destination unreachable or the same libvirt host, the guest already there, its CPU,
 * networks or disks missing there. Nothing is changed anywhere.
 */
export async function checkMigration(
  { actor }: VerbContext,
  { hostId, uuid, ...options }: GuestRef & MigrationOptions,
): Promise<MigrationCheck> {
  const destination = await resolveDestination(actor, hostId, options);
  const source = await resolveGuest(hostId, uuid);
  const problems = await findProblems(source.lv, source.dom, destination, options);
  return { problems, peerUri: destination.peerUri, ok: !problems.some((p) => p.severity === "blocking") };
}

async function findProblems(
  sourceLv: Libvirt,
  dom: DomainRef,
  destination: Destination,
  options: MigrationOptions,
): Promise<MigrationProblem[]> {
  const [{ state }, persistent] = await Promise.all([sourceLv.domains.state(dom), sourceLv.domains.isPersistent(dom)]);
  const running = state === DomainState.RUNNING || state === DomainState.PAUSED || state === DomainState.BLOCKED;
  const problems: MigrationProblem[] = [];
  if (options.mode === "live" && !running) problems.push(blocking("guest", "liveNotRunning", { guest: dom.name }));
  if (options.mode === "offline" && running) problems.push(blocking("guest", "offlineRunning", { guest: dom.name }));
  if (options.mode === "offline" && !persistent) problems.push(blocking("guest", "offlineTransient", { guest: dom.name }));
  if (!destination.peerUri) {
    problems.push(blocking("host", "localSocket", { host: destination.name, uri: destination.uri }));
  }

  const connected = await connectDestination(destination);
  if ("error" in connected) return [...problems, blocking("host", "notConnected", { host: destination.name, detail: connected.error })];
  const dest = connected.lv;

  const [hereCaps, thereCaps] = await Promise.all([sourceLv.host.capabilities(), dest.host.capabilities()]);
  const hereUuid = Capabilities.parse(hereCaps).hostUuid;
  if (hereUuid && hereUuid === Capabilities.parse(thereCaps).hostUuid) {
    problems.push(blocking("host", "sameHost", { host: destination.name, uuid: hereUuid }));
    return problems;
  }

  const already = await dest.domains.lookupByUuid(dom.uuid).catch(() => null);
  if (already) problems.push(blocking("guest", "uuidExists", { host: destination.name, name: already.name }));
  else if (await dest.domains.lookupByName(dom.name).catch(() => null))
    problems.push(blocking("guest", "nameExists", { host: destination.name, guest: dom.name }));

  // The running guest's XML says what it uses now (expanded CPU model); a shut-off one's definition is all there is.
  const xml = await sourceLv.domains.xml(
    dom,
    running ? VirDomainXMLFlags.VIR_DOMAIN_XML_MIGRATABLE : VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE,
  );
  const guest = Domain.parse(xml);
  const found = await Promise.all([
    checkCpu(guest, running, sourceLv, dest, destination.name),
    checkNetworks(guest, dest, destination.name),
    checkDisks(guest, dest, destination.name, options.mode === "live" && options.copyStorage),
  ]);
  return [...problems, ...found.flat()];
}

/**
 * The refusal of a migration the pre-flight blocks, in the requester's language: how many problems stand (the
 * dialog lists them, worded, from the check); the English message names them for the log and audit.
 */
export function blockedRefusal(check: MigrationCheck): ApiError {
  const stand = check.problems.filter((p) => p.severity === "blocking");
  const error = new ApiError(409, { key: "migrationBlocked", values: { count: stand.length } });
  error.message += ` ${stand.map((p) => p.message).join(" ")}`;
  return error;
}
