import "server-only";
import { isAdmin } from "@/lib/roles";
import type { SmtpSettingsInput } from "@/lib/validations/alerts";
import { auditedTransaction } from "../audit";
import { forbidden } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { readStoredSmtp, sealPassword, SMTP_SETTING, smtpView, type SmtpSettingsView, type StoredSmtp } from "./smtp-config";

/** Saves how the console sends e-mail (admins only); a new password is sealed, an empty one keeps the stored one. */
export async function saveSmtpSettings(ctx: VerbContext, input: SmtpSettingsInput): Promise<{ smtp: SmtpSettingsView | null }> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const { password, clearPassword, ...rest } = input;
  const details = {
    host: rest.host,
    port: rest.port,
    security: rest.security,
    username: rest.username,
    from: rest.from,
    passwordChanged: Boolean(password) || clearPassword,
  };
  return auditedTransaction(ctx, { action: "settings.smtp", target: "settings", details }, async (tx) => {
    const before = await readStoredSmtp(tx);
    const passwordSealed = clearPassword ? null : password ? sealPassword(password) : (before?.passwordSealed ?? null);
    const stored: StoredSmtp = { ...rest, passwordSealed };
    const value = JSON.stringify(stored);
    await tx.setting.upsert({
      where: { key: SMTP_SETTING },
      create: { key: SMTP_SETTING, value, updatedBy: ctx.actor.username },
      update: { value, updatedBy: ctx.actor.username },
    });
    return { smtp: smtpView(stored) };
  });
}
