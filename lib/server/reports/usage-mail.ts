import "server-only";
import type { useTranslations } from "next-intl";
import { groupName, previousMonth, round2, usageCsv, type UsageReport, type UsageTotals } from "@/lib/reports/usage";
import { isAdmin } from "@/lib/roles";
import { usageMailSchema, type UsageMailSettings } from "@/lib/validations/reports";
import { readerOfAddress, wordsFor, type ReaderWords } from "../alerts/alert-words";
import { sendEmail } from "../alerts/send";
import { auditedTransaction } from "../audit";
import type { Actor } from "../auth/session";
import { db, type Db } from "../db";
import { forbidden } from "../http/errors";
import { scheduler } from "../jobs/scheduler";
import { log } from "../log";
import type { VerbContext } from "../verb-context";
import { readUsage } from "./usage";

// The monthly usage report by e-mail: an admin names the recipients and the grouping (a Setting); on the 1st
// of each month at 06:00 UTC the scheduler (once across instances) sends the month before, as text with the
// CSV below it, through the alerts' mailer and its SMTP settings.

export const USAGE_MAIL_SETTING = "reports.usageMail";
export const USAGE_MAIL_KIND = "reports.usage.email";
const MONTHLY = { cron: "0 6 1 * *", tz: "UTC" };
const OFF: UsageMailSettings = { enabled: false, recipients: [], groupBy: "host" };

/** The report is made as this actor: every guest (its readers are chosen by an admin). */
const reportActor: Actor = {
  id: "system",
  username: "system",
  displayName: "Monthly usage report",
  sessionId: "",
  sessionExpiresAt: new Date(8.64e15),
  grants: [{ role: "admin", scope: "global", hostId: null, guestUuid: null }],
};

export async function storedUsageMail(database: Db = db()): Promise<UsageMailSettings> {
  const row = await database.setting.findUnique({ where: { key: USAGE_MAIL_SETTING } });
  const parsed = row ? usageMailSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : OFF;
}

export async function readUsageMail(ctx: VerbContext): Promise<UsageMailSettings> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  return storedUsageMail();
}

/** Saves who gets the monthly report (admins only). */
export async function saveUsageMail(ctx: VerbContext, input: UsageMailSettings): Promise<UsageMailSettings> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  return auditedTransaction(ctx, { action: "settings.usage-mail", target: "settings", details: input }, async (tx) => {
    const value = JSON.stringify(input);
    await tx.setting.upsert({
      where: { key: USAGE_MAIL_SETTING },
      create: { key: USAGE_MAIL_SETTING, value, updatedBy: ctx.actor.username },
      update: { value, updatedBy: ctx.actor.username },
    });
    return input;
  });
}

/** Sends the report of the month before `at` to each recipient; returns how many were sent. */
export async function sendUsageReport(database: Db, at: number): Promise<{ sent: number }> {
  const settings = await storedUsageMail(database);
  if (!settings.enabled || settings.recipients.length === 0) return { sent: 0 };
  const period = previousMonth(at);
  const report = await readUsage({ actor: reportActor, ip: "", requestId: "" }, { ...period, groupBy: settings.groupBy });
  const month = new Date(period.from).toISOString().slice(0, 7);
  let sent = 0;
  for (const to of settings.recipients) {
    await sendEmail(database, to, usageMail(report, await wordsFor(await readerOfAddress(database, to))));
    sent++;
  }
  log.info({ sent, month }, "reports: monthly usage report sent");
  return { sent };
}

type MailWords = ReturnType<typeof useTranslations<"usageMail">>;

/** The report's e-mail in its reader's language: the period, one line per group and the total, then the CSV. */
export function usageMail(report: UsageReport, words: ReaderWords): { subject: string; text: string } {
  const t: MailWords = words.usageMail;
  const monthName = new Intl.DateTimeFormat(words.locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(report.from);
  const utcDay = new Intl.DateTimeFormat(words.locale, { dateStyle: "medium", timeZone: "UTC" });
  const line = (name: string, u: UsageTotals) =>
    t("line", {
      name,
      guests: u.guests,
      vcpuHours: round2(u.vcpuHours),
      memory: round2(u.memoryGiBHours),
      disk: round2(u.diskGiB),
      traffic: round2(u.trafficGiB),
    });
  const text = [
    t("period", { from: utcDay.format(report.from), last: utcDay.format(report.to - 1), grouping: report.groupBy }),
    "",
    ...report.groups.map((g) => line(groupName(words.csv, g.group), g)),
    "",
    line(t("total"), report.total),
    "",
    t("asCsv"),
    "",
    usageCsv(report, words.csv),
  ].join("\n");
  return { subject: t("subject", { month: monthName }), text };
}

/** Called once at start (server.ts): the monthly run exists (one schedule across instances) and has its handler. */
export async function startReports(): Promise<void> {
  const s = scheduler();
  s.handle(USAGE_MAIL_KIND, (run) => sendUsageReport(db(), run.scheduledFor.getTime()));
  await s.schedule(USAGE_MAIL_KIND, MONTHLY, null, { key: USAGE_MAIL_KIND, label: "Sending the monthly usage report" });
}
