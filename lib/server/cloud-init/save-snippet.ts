import "server-only";
import type { z } from "zod";
import type { cloudInitSnippetSchema } from "@/lib/validations/cloud-init";
import { audited } from "../audit";
import { db } from "../db";
import { ApiError } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Keeps user-data under a name for reuse; a name already used is refused. Audited. */
export async function saveSnippet(ctx: VerbContext, { name, userData }: z.infer<typeof cloudInitSnippetSchema>): Promise<{ id: string }> {
  return audited(
    ctx,
    { action: "cloudinit.snippet.create", target: `cloud-init snippet:${name}`, details: { bytes: userData.length } },
    async () => {
      if (await db().cloudInitSnippet.findUnique({ where: { name } }))
        throw new ApiError(409, { key: "snippetExists", values: { name } }, { name: { key: "nameTaken" } });
      const row = await db().cloudInitSnippet.create({ data: { name, userData, createdBy: ctx.actor.username } });
      return { id: row.id };
    },
  );
}
