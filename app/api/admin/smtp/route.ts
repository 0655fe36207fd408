import { route } from "@/lib/server/http/route";
import { readSmtpSettings } from "@/lib/server/alerts/read-smtp-settings";
import { saveSmtpSettings } from "@/lib/server/alerts/save-smtp-settings";
import { smtpSettingsSchema } from "@/lib/validations/alerts";

/** How the console sends alert e-mail (Admin → Settings); the password is never returned, only whether one is set. */
export const GET = route({ permission: "admin", summary: "Mail server settings for alert e-mail" }, async ({ ctx }) =>
  readSmtpSettings(ctx),
);

export const PUT = route(
  { permission: "admin", body: smtpSettingsSchema, summary: "Save the mail server settings" },
  async ({ ctx, body }) => saveSmtpSettings(ctx, body),
);
