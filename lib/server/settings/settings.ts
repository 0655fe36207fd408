import "server-only";
import { log } from "../log";
import type { z } from "zod";
import { isoLibrarySchema, networkListSchema, twoFactorRolesSchema, type Settings } from "@/lib/validations/settings";
import { db, type Db } from "../db";
import { env } from "../env";

type Client = Pick<Db, "setting">;

/** Each setting: how a stored value is checked, and its value while no admin has saved one. */
const definitions: { [K in keyof Settings]: { schema: z.ZodType<Settings[K], unknown>; fallback: () => Settings[K] } } = {
  fetchAllowedNetworks: { schema: networkListSchema, fallback: () => env().FETCH_ALLOWED_NETWORKS },
  isoLibrary: { schema: isoLibrarySchema, fallback: () => [] },
  twoFactorRoles: { schema: twoFactorRolesSchema, fallback: () => [] },
};

export const settingKeys = Object.keys(definitions) as (keyof Settings)[];

/** A setting's value, whether an admin saved it, and the default it falls back to (for the settings page). */
export type SettingState<K extends keyof Settings> = { value: Settings[K]; saved: boolean; fallback: Settings[K] };
export type SettingsState = { [K in keyof Settings]: SettingState<K> };

export async function readSetting<K extends keyof Settings>(key: K, client: Client = db()): Promise<SettingState<K>> {
  const { schema, fallback } = definitions[key];
  const row = await client.setting.findUnique({ where: { key } });
  if (!row) return { value: fallback(), saved: false, fallback: fallback() };
  const parsed = schema.safeParse(JSON.parse(row.value));
  // A value no longer valid (a rule tightened since it was saved) is ignored rather than half-applied.
  if (!parsed.success) {
    log.warn({ setting: key }, "a setting holds an invalid value; using its default");
    return { value: fallback(), saved: false, fallback: fallback() };
  }
  return { value: parsed.data, saved: true, fallback: fallback() };
}

export async function readSettings(client: Client = db()): Promise<SettingsState> {
  const entries = await Promise.all(settingKeys.map(async (key) => [key, await readSetting(key, client)] as const));
  return Object.fromEntries(entries) as SettingsState;
}
