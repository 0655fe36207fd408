import "server-only";
import { isAdmin } from "@/lib/roles";
import type { Settings, SettingsChange } from "@/lib/validations/settings";
import { auditedTransaction } from "../audit";
import type { VerbContext } from "../verb-context";
import { forbidden } from "../http/errors";
import { readSetting, readSettings, type SettingsState } from "./settings";

/**
 * Saves the settings named in `input` (admins only), a null putting one back to its default; one audit row with
 * each changed setting's before and after.
 */
export async function updateSettings(ctx: VerbContext, input: SettingsChange): Promise<SettingsState> {
  const { actor } = ctx;
  if (!isAdmin(actor.grants)) throw forbidden();
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  return auditedTransaction(ctx, { action: "settings.update", target: "settings", details: changes }, async (tx) => {
    for (const [key, value] of Object.entries(input) as [keyof Settings, Settings[keyof Settings] | null][]) {
      const before = await readSetting(key, tx);
      if (value === null) {
        await tx.setting.deleteMany({ where: { key } });
        if (before.saved) changes[key] = { from: before.value, to: before.fallback };
        continue;
      }
      const json = JSON.stringify(value);
      await tx.setting.upsert({
        where: { key },
        create: { key, value: json, updatedBy: actor.username },
        update: { value: json, updatedBy: actor.username },
      });
      if (JSON.stringify(before.value) !== json || !before.saved) changes[key] = { from: before.value, to: value };
    }
    return readSettings(tx);
  });
}
