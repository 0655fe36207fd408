import "server-only";
import { formFromUri } from "@/lib/validations/hosts";
import { db } from "../db";
import { notFound } from "../http/errors";
import { loadCredentials } from "./credentials";
import { hostStatus } from "./host-statuses";
import type { VerbContext } from "../verb-context";

/** A host as the edit form needs it: which secrets are stored (never the secrets themselves). */
export async function getHostForEdit(_ctx: VerbContext, { hostId }: { hostId: string }) {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("host");
  const stored = await loadCredentials(host.credentialsRef).catch(() => ({}));
  return {
    id: host.id,
    name: host.name,
    uri: host.uri,
    form: formFromUri(host.uri),
    sshHostKey: host.sshHostKey,
    storedSecrets: Object.keys(stored),
    status: await hostStatus(host.id),
  };
}
