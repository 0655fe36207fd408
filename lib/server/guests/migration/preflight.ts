import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { DomainState } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { MigrationCheck, MigrationProblem } from "@/lib/guests/migration-types";
import type { MigrationOptions } from "@/lib/validations/migration";
import { Capabilities, Domain } from "@/lib/xml";
import type { Actor } from "../../auth/session";
import { resolveGuest } from "../guest-target";
import { checkCpu, checkDisks, checkNetworks } from "./destination-checks";
import { connectDestination, resolveDestination, type Destination } from "./destination";

const blocking = (topic: string, message: string): MigrationProblem => ({ severity: "blocking", topic, message });

/**
 * What stands in the way of migrating the guest with these options, in words: wrong state for the
 * mode, the destination unreachable or the same libvirt host, the guest already there, its CPU,
 * networks or disks missing there. Nothing is changed anywhere.
 */
export async function checkMigration(actor: Actor, hostId: string, uuid: string, options: MigrationOptions): Promise<MigrationCheck> {
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
  if (options.mode === "live" && !running)
    problems.push(blocking("guest", `${dom.name} is not running: choose an offline migration, which moves only its definition.`));
  if (options.mode === "offline" && running)
    problems.push(blocking("guest", `${dom.name} is running: shut it down first, or choose a live migration.`));
  if (options.mode === "offline" && !persistent)
    problems.push(blocking("guest", `${dom.name} has no saved definition (it is transient), so there is nothing to move offline.`));
  if (!destination.peerUri) {
    problems.push(
      blocking(
        "host",
        `${destination.name} is connected through a local socket (${destination.uri}), which the source host cannot use. Enter the address the source host's libvirtd should connect to, e.g. qemu+ssh://root@${destination.name}/system.`,
      ),
    );
  }

  const connected = await connectDestination(destination);
  if ("error" in connected) return [...problems, blocking("host", connected.error)];
  const dest = connected.lv;

  const [hereCaps, thereCaps] = await Promise.all([sourceLv.host.capabilities(), dest.host.capabilities()]);
  const hereUuid = Capabilities.parse(hereCaps).hostUuid;
  if (hereUuid && hereUuid === Capabilities.parse(thereCaps).hostUuid) {
    problems.push(blocking("host", `${destination.name} is the same libvirt host as the source (host UUID ${hereUuid}).`));
    return problems;
  }

  const already = await dest.domains.lookupByUuid(dom.uuid).catch(() => null);
  if (already) problems.push(blocking("guest", `${destination.name} already has a guest with this UUID (${already.name}).`));
  else if (await dest.domains.lookupByName(dom.name).catch(() => null))
    problems.push(blocking("guest", `${destination.name} already has a guest named ${dom.name}.`));

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

/** The problems as one message, for a refusal. */
export function describeBlocking(check: MigrationCheck): string {
  return `The migration cannot start: ${check.problems
    .filter((p) => p.severity === "blocking")
    .map((p) => p.message)
    .join(" ")}`;
}
