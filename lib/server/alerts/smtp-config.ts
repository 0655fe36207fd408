import "server-only";
import { z } from "zod";
import type { Db } from "../db";
import { open, seal } from "../hosts/secret-box";

/** The Setting row holding how the console sends e-mail; the password sealed like host credentials. */
export const SMTP_SETTING = "alerts.smtp";

const storedSchema = z.object({
  host: z.string(),
  port: z.number(),
  security: z.enum(["starttls", "tls", "none"]),
  username: z.string(),
  passwordSealed: z.string().nullable(),
  from: z.string(),
  caCertificate: z.string(),
});
export type StoredSmtp = z.infer<typeof storedSchema>;

/** What the settings page shows: everything but the password, which it only knows is set. */
export type SmtpSettingsView = Omit<StoredSmtp, "passwordSealed"> & { passwordSet: boolean };

export async function readStoredSmtp(client: Pick<Db, "setting">): Promise<StoredSmtp | null> {
  const row = await client.setting.findUnique({ where: { key: SMTP_SETTING } });
  if (!row) return null;
  const parsed = storedSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

export function smtpView(stored: StoredSmtp | null): SmtpSettingsView | null {
  if (!stored) return null;
  const { passwordSealed, ...rest } = stored;
  return { ...rest, passwordSet: passwordSealed !== null };
}

export const sealPassword = (password: string) => seal(password);

/** The configuration the mailer uses, the password opened; null when no admin set up e-mail. */
export async function smtpConfig(
  client: Pick<Db, "setting">,
): Promise<(Omit<StoredSmtp, "passwordSealed"> & { password: string | null }) | null> {
  const stored = await readStoredSmtp(client);
  if (!stored) return null;
  const { passwordSealed, ...rest } = stored;
  return { ...rest, password: passwordSealed ? open(passwordSealed) : null };
}
