import "server-only";
import type { TypedParamValue } from "@/lib/libvirt/api/typed-params";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainMigrateFlags as F } from "@/lib/libvirt/generated/flags";
import { parseUri } from "@/lib/libvirt/uri";
import type { MigrationOptions } from "@/lib/validations/migration";

/**
 * The URI the SOURCE host's libvirtd uses to reach the destination's (peer-to-peer migration): the
 * destination host's own URI without this console's client-side parameters (key files and known-hosts
 * paths on this machine mean nothing on the source host). A local-socket URI (qemu:///system) names no
 * machine another daemon could reach: null, and the person must give one.
 */
export function peerUriFor(destinationUri: string): string | null {
  const uri = parseUri(destinationUri);
  if (uri.transport === "unix" || uri.transport === "ext" || !uri.host) return null;
  const host = uri.host.includes(":") ? `[${uri.host}]` : uri.host;
  const user = uri.user ? `${encodeURIComponent(uri.user)}@` : "";
  return `${uri.driver}+${uri.transport}://${user}${host}${uri.port ? `:${uri.port}` : ""}${uri.path}`;
}

/** virDomainMigrateToURI3's flags and typed parameters for the chosen options. */
export function migrationCall(options: MigrationOptions): { flags: F; params: Record<string, TypedParamValue> } {
  const params: Record<string, TypedParamValue> = {};
  if (options.mode === "offline") {
    // Only the definition moves; libvirt requires it to be persisted on the destination.
    return {
      flags: flagSet(
        F.VIR_MIGRATE_PEER2PEER,
        F.VIR_MIGRATE_OFFLINE,
        F.VIR_MIGRATE_PERSIST_DEST,
        options.undefineSource ? F.VIR_MIGRATE_UNDEFINE_SOURCE : 0,
      ),
      params,
    };
  }
  if (options.compression !== "none") params.compression = options.compression;
  if (options.bandwidthMiBs > 0) params.bandwidth = BigInt(options.bandwidthMiBs);
  if (options.migrateUri) params.migrate_uri = options.migrateUri;
  const flags = flagSet(
    F.VIR_MIGRATE_PEER2PEER,
    F.VIR_MIGRATE_LIVE,
    options.persistent ? F.VIR_MIGRATE_PERSIST_DEST : 0,
    options.undefineSource ? F.VIR_MIGRATE_UNDEFINE_SOURCE : 0,
    options.copyStorage ? F.VIR_MIGRATE_NON_SHARED_DISK : 0,
    options.autoConverge ? F.VIR_MIGRATE_AUTO_CONVERGE : 0,
    options.compression !== "none" ? F.VIR_MIGRATE_COMPRESSED : 0,
  );
  return { flags, params };
}
