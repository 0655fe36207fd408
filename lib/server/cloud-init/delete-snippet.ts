import "server-only";
import { audited } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Deletes a saved snippet (guests made with it keep their seeds). Audited. */
export async function deleteSnippet(ctx: VerbContext, { id }: { id: string }): Promise<{ ok: true }> {
  let name = id;
  return audited(ctx, { action: "cloudinit.snippet.delete", target: () => `cloud-init snippet:${name}` }, async () => {
    const row = await db().cloudInitSnippet.findUnique({ where: { id } });
    if (!row) throw notFound("snippet");
    name = row.name;
    await db().cloudInitSnippet.delete({ where: { id } });
    return { ok: true };
  });
}
