import "server-only";
import { buildHostUri, type HostFormInput } from "@/lib/validations/hosts";
import { auditedTransaction } from "../audit";
import { db } from "../db";
import { ApiError, invalidFields } from "../http/errors";
import { newId } from "../ids";
import { removeCredentials, storeCredentials } from "./credentials";
import { credentialsForForm, missingSecrets } from "./host-form-credentials";
import { nudgeLeases } from "../cluster/leases";
import type { VerbContext } from "../verb-context";

/** Registers a host. SSH hosts need the host key the administrator confirmed in "Test connection". */
export async function addHost(ctx: VerbContext, input: HostFormInput): Promise<{ id: string }> {
  const credentials = await credentialsForForm(input);
  const missing = missingSecrets(input, credentials);
  if (input.kind === "ssh" && !input.hostKeyFingerprint) missing.hostKeyFingerprint = "Test the connection and confirm the host key first";
  if (Object.keys(missing).length) throw invalidFields(missing);
  if (await db().host.findUnique({ where: { name: input.name } }))
    throw new ApiError(409, { key: "hostExists", values: { name: input.name } }, { name: { key: "chooseAnotherName" } });

  const uri = buildHostUri(input);
  const credentialsRef = await storeCredentials(credentials);
  const id = newId();
  try {
    const details = { uri, pinnedHostKey: input.kind === "ssh" ? input.hostKeyFingerprint : undefined };
    await auditedTransaction(ctx, { action: "host.add", target: `host:${input.name}`, details }, (tx) =>
      tx.host.create({
        data: { id, name: input.name, uri, credentialsRef, sshHostKey: input.kind === "ssh" ? input.hostKeyFingerprint : null },
      }),
    );
  } catch (err) {
    // No row, no secrets left behind.
    await removeCredentials(credentialsRef);
    throw err;
  }
  // An instance takes the new host's lease (and connects) at once.
  nudgeLeases();
  return { id };
}
