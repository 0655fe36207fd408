import "server-only";
import { isAdmin } from "@/lib/roles";
import { db } from "../db";
import { forbidden } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { readStoredSmtp, smtpView, type SmtpSettingsView } from "./smtp-config";

/** How the console sends e-mail, for Admin → Settings (admins only); never the password. */
export async function readSmtpSettings(ctx: VerbContext): Promise<{ smtp: SmtpSettingsView | null }> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  return { smtp: smtpView(await readStoredSmtp(db())) };
}
