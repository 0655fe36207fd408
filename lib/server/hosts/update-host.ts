import "server-only";
import { buildHostUri, type HostFormInput } from "@/lib/validations/hosts";
import { auditedTransaction } from "../audit";
import { db } from "../db";
import { ApiError, notFound, invalidFields } from "../http/errors";
import { removeCredentials, storeCredentials } from "./credentials";
import { credentialsForForm, missingSecrets } from "./host-form-credentials";
import { sendHostCommand } from "./host-commands";
import type { VerbContext } from "../verb-context";

/**
 * Changes a host's name, address or secrets (empty secret fields keep the stored ones). A new SSH
 * address needs its host key confirmed again; the open connection is replaced.
 */
export async function updateHost(ctx: VerbContext, { hostId: id, ...input }: { hostId: string } & HostFormInput): Promise<void> {
  const existing = await db().host.findUnique({ where: { id } });
  if (!existing) throw notFound("host");
  const uri = buildHostUri(input);
  const credentials = await credentialsForForm(input, existing.credentialsRef);
  const missing = missingSecrets(input, credentials);
  const sshHostKey = input.kind === "ssh" ? (input.hostKeyFingerprint ?? (uri === existing.uri ? existing.sshHostKey : null)) : null;
  if (input.kind === "ssh" && !sshHostKey) missing.hostKeyFingerprint = "Test the connection and confirm the host key first";
  if (Object.keys(missing).length) throw invalidFields(missing);
  const clash = await db().host.findUnique({ where: { name: input.name } });
  if (clash && clash.id !== id)
    throw new ApiError(409, { key: "hostExists", values: { name: input.name } }, { name: { key: "chooseAnotherName" } });

  const credentialsRef = await storeCredentials(credentials);
  try {
    const changed = {
      name: input.name !== existing.name ? input.name : undefined,
      uri: uri !== existing.uri ? uri : undefined,
      hostKey: sshHostKey !== existing.sshHostKey ? sshHostKey : undefined,
    };
    await auditedTransaction(ctx, { action: "host.update", target: `host:${existing.name}`, details: changed }, (tx) =>
      tx.host.update({ where: { id }, data: { name: input.name, uri, credentialsRef, sshHostKey } }),
    );
  } catch (err) {
    await removeCredentials(credentialsRef);
    throw err;
  }
  await removeCredentials(existing.credentialsRef);
  // Every instance drops its connection; the holder of the host's lease connects with the new settings at once.
  await sendHostCommand({ hostId: id, action: "reconnect" });
}
