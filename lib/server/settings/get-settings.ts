import "server-only";
import { isAdmin } from "@/lib/roles";
import { forbidden } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { readSettings, type SettingsState } from "./settings";

/** Console-wide settings for Admin → Settings (admins only): each with its value, whether it was saved, and its default. */
export async function getSettings({ actor }: VerbContext): Promise<SettingsState> {
  if (!isAdmin(actor.grants)) throw forbidden();
  return readSettings();
}
