import "server-only";
import type { Db } from "../db";
import { log } from "../log";
import type { GuardOptions } from "../net/resolve-checked";
import { ENGLISH_READER, readerOfAddress, wordsFor } from "./alert-words";
import { emailText, webhookPayload, type Transition } from "./message";
import { sendEmail, sendWebhook } from "./send";

/** A notification is tried this many times, waiting longer each time (backoffMs), then given up as failed. */
export const MAX_ATTEMPTS = 6;
/** A claim older than this is taken to belong to an instance that died while sending. */
const CLAIM_STALE_MS = 5 * 60_000;

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min… at most an hour. */
export const backoffMs = (attempts: number) => Math.min(60 * 60_000, 30_000 * 2 ** (attempts - 1));

export type Delivery = { sent: number; failed: number; retrying: number };

/**
 * Sends the notifications that are due. Each is first claimed with a conditional update (pending →
 * sending, naming this instance), so however many instances deliver at once, one sends it.
 */
export async function deliverNotifications(db: Db, instance: string, now = Date.now(), guard: GuardOptions = {}): Promise<Delivery> {
  const tally: Delivery = { sent: 0, failed: 0, retrying: 0 };
  const at = new Date(now);
  await db.alertNotification.updateMany({
    where: { status: "sending", claimedAt: { lt: new Date(now - CLAIM_STALE_MS) } },
    data: { status: "pending" },
  });
  const due = await db.alertNotification.findMany({
    where: { status: "pending", nextAttemptAt: { lte: at } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  for (const n of due) {
    const { count } = await db.alertNotification.updateMany({
      where: { id: n.id, status: "pending", attempts: n.attempts },
      data: { status: "sending", claimedBy: instance, claimedAt: at, attempts: n.attempts + 1 },
    });
    if (count !== 1) continue;
    const alert = await db.alert.findUnique({ where: { id: n.alertId }, include: { rule: true } });
    if (!alert) continue;
    const transition: Transition = n.transition === "resolved" ? "resolved" : "fired";
    try {
      // An e-mail in its reader's language; a webhook is for programs: English.
      if (n.channel === "email") {
        const words = await wordsFor(await readerOfAddress(db, n.recipient, alert.ruleId));
        await sendEmail(db, n.recipient, emailText(alert, alert.rule, transition, words));
      } else {
        const payload = webhookPayload(alert, alert.rule, transition, n.id, await wordsFor(ENGLISH_READER));
        await sendWebhook(n.recipient, alert.rule.webhookSecret, payload, guard);
      }
      await db.alertNotification.update({ where: { id: n.id }, data: { status: "sent", sentAt: new Date(), error: null } });
      tally.sent++;
    } catch (err) {
      const attempts = n.attempts + 1;
      const error = (err as Error).message;
      const giveUp = attempts >= MAX_ATTEMPTS;
      log.warn({ notification: n.id, channel: n.channel, attempts }, `alerts: a notification was not sent: ${error}`);
      await db.alertNotification.update({
        where: { id: n.id },
        data: { status: giveUp ? "failed" : "pending", error, nextAttemptAt: new Date(now + backoffMs(attempts)) },
      });
      if (giveUp) tally.failed++;
      else tally.retrying++;
    }
  }
  return tally;
}
