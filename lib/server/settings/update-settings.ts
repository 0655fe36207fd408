import "server-only";
import { isAdmin } from "@/lib/roles";
import type { Settings } from "@/lib/validations/settings";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { forbidden } from "../http/errors";
import { readSetting, readSettings, type SettingsState } from "./settings";

/** Saves the settings named in `input` (admins only); one audit row with each changed setting's before and after. */
export async function updateSettings(actor: Actor, input: Partial<Settings>, ip: string): Promise<SettingsState> {
  if (!isAdmin(actor.grants)) throw forbidden();
  return db().$transaction(async (tx) => {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(input) as [keyof Settings, Settings[keyof Settings]][]) {
      const before = await readSetting(key, tx);
      const json = JSON.stringify(value);
      await tx.setting.upsert({
        where: { key },
        create: { key, value: json, updatedBy: actor.username },
        update: { value: json, updatedBy: actor.username },
      });
      if (JSON.stringify(before.value) !== json || !before.saved) changes[key] = { from: before.value, to: value };
    }
    await audit({ actor, action: "settings.update", target: "settings", details: changes, result: "ok", ip }, tx);
    return readSettings(tx);
  });
}
