import "server-only";
import { Libvirt } from "@/lib/libvirt";
import { formatLibvirtVersion } from "@/lib/hosts/overview";
import { buildHostUri, type HostFormInput } from "@/lib/validations/hosts";
import { auditRow } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { connectOptionsWith, isHostKeyError } from "./connect-options";
import { credentialsForForm } from "./host-form-credentials";
import type { VerbContext } from "../verb-context";

export type ConnectionTestResult =
  | { ok: true; uri: string; hostname: string; libvirtVersion: string; hypervisor: string; fingerprint: string | null }
  | { ok: false; uri: string; message: string; needsHostKeyConfirmation: boolean; fingerprint: string | null };

const TEST_TIMEOUT_MS = 20_000;

/**
 * Opens a connection with what the form says, without saving anything. An SSH host's key is reported
 * for confirmation until the form carries the confirmed fingerprint. Audited (address and outcome,
 * never secrets): it makes the server connect where an administrator says.
 */
export async function testConnection(
  ctx: VerbContext,
  { form: input, hostId: existingHostId }: { form: HostFormInput; hostId?: string },
): Promise<ConnectionTestResult> {
  const result = await attempt(input, existingHostId);
  const details = result.ok
    ? { uri: result.uri, hostname: result.hostname, fingerprint: result.fingerprint ?? undefined }
    : { uri: result.uri, error: result.message, fingerprint: result.fingerprint ?? undefined };
  await auditRow(ctx, { action: "host.test", target: `host:${input.name}`, details }, result.ok ? "ok" : "error");
  return result;
}

async function attempt(input: HostFormInput, existingHostId?: string): Promise<ConnectionTestResult> {
  const existing = existingHostId ? await db().host.findUnique({ where: { id: existingHostId } }) : null;
  if (existingHostId && !existing) throw notFound("host");
  const uri = buildHostUri(input);
  const pinned = input.kind === "ssh" ? (input.hostKeyFingerprint ?? null) : null;
  let fingerprint: string | null = null;
  const options = connectOptionsWith(uri, await credentialsForForm(input, existing?.credentialsRef), pinned, (fp) => (fingerprint = fp));
  let lv: Libvirt | null = null;
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    const opening = Libvirt.open(uri, { ...options, reconnect: false, callTimeoutMs: TEST_TIMEOUT_MS });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`no answer from ${uri} within ${TEST_TIMEOUT_MS / 1000} s`));
      }, TEST_TIMEOUT_MS);
    });
    // A connection that opens after the timeout is closed at once.
    opening.then(
      (late) => void (timedOut && late.close()),
      () => undefined,
    );
    lv = await Promise.race([opening, timeout]);
    const [hostname, versions] = await Promise.all([lv.host.hostname(), lv.host.versions()]);
    return {
      ok: true,
      uri,
      hostname,
      libvirtVersion: formatLibvirtVersion(versions.libVersion),
      hypervisor: `${versions.type} ${formatLibvirtVersion(versions.hypervisorVersion)}`,
      fingerprint,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const needsHostKeyConfirmation = isHostKeyError(err);
    return { ok: false, uri, message, needsHostKeyConfirmation, fingerprint };
  } finally {
    clearTimeout(timer);
    await lv?.close().catch(() => undefined);
  }
}
