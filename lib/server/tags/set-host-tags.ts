import "server-only";
import { parseStoredTags, tagsSchema, type SetTagsInput } from "@/lib/validations/tags";
import { auditedTransaction } from "../audit";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Replaces a host's tags (kept in the console's database: libvirt has nowhere to keep them for a host). */
export async function setHostTags(
  ctx: VerbContext,
  { hostId, tags: asked }: { hostId: string } & SetTagsInput,
): Promise<{ tags: string[] }> {
  const tags = tagsSchema.parse(asked);
  let target = `host:${hostId}`;
  const details: Record<string, unknown> = { after: tags };
  return auditedTransaction(ctx, { action: "host.tags", target: () => target, details }, async (tx) => {
    const host = await tx.host.findUnique({ where: { id: hostId }, select: { name: true, tags: true } });
    if (!host) throw notFound("host");
    target = `host:${host.name}`;
    details.before = parseStoredTags(host.tags);
    await tx.host.update({ where: { id: hostId }, data: { tags: JSON.stringify(tags) } });
    return { tags };
  });
}
