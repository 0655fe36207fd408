import { route } from "@/lib/server/http/route";
import { readSettings } from "@/lib/server/settings/settings";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { settingsSchema } from "@/lib/validations/settings";

/** Console-wide settings (Admin → Settings): each with its value, whether it was saved, and its default. */
export const GET = route({ permission: "admin" }, async () => readSettings());

export const PATCH = route({ permission: "admin", body: settingsSchema }, async ({ ctx, body }) => updateSettings(ctx, body));
