import "server-only";
import type { VerbContext } from "../verb-context";
import type { ProviderInput } from "@/lib/validations/identity";
import { auditRow } from "../audit";
import { db } from "../db";
import { seal } from "../hosts/secret-box";
import { ApiError, notFound } from "../http/errors";
import { newId } from "../ids";

/** Adds a sign-in provider, or changes one (`id`); a secret left out stays as stored. Audited without the secret. */
export async function saveProvider(
  ctx: VerbContext,
  { providerId: id, ...input }: { providerId?: string } & ProviderInput,
): Promise<{ id: string }> {
  return db().$transaction(async (tx) => {
    const clash = await tx.identityProvider.findUnique({ where: { name: input.name } });
    if (clash && clash.id !== id)
      throw new ApiError(409, { key: "providerExists", values: { name: input.name } }, { name: { key: "nameTaken" } });
    const data = {
      kind: input.kind,
      name: input.name,
      enabled: input.enabled,
      config: JSON.stringify(input.config),
      ...(input.secret !== undefined ? { secret: input.secret ? seal(input.secret) : null } : {}),
    };
    const details = {
      kind: input.kind,
      name: input.name,
      enabled: input.enabled,
      config: input.config,
      secretChanged: input.secret !== undefined,
    };
    if (id) {
      const before = await tx.identityProvider.findUnique({ where: { id } });
      if (!before) throw notFound("provider");
      if (before.kind !== input.kind) throw new ApiError(422, { key: "providerKindFixed" });
      await tx.identityProvider.update({ where: { id }, data });
      await auditRow(ctx, { action: "identity.update", target: `identity:${input.name}`, details }, "ok", tx);
      return { id };
    }
    const created = await tx.identityProvider.create({ data: { id: newId(), position: await tx.identityProvider.count(), ...data } });
    await auditRow(ctx, { action: "identity.create", target: `identity:${input.name}`, details }, "ok", tx);
    return { id: created.id };
  });
}
