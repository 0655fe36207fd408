import "server-only";
import type { Alert, AlertRule } from "@/generated/prisma-sqlite/client";
import type { Db } from "../db";
import type { TxClient } from "../audit";
import { newId } from "../ids";

type Client = Db | TxClient;

/** What a rule found firing: its subject ("host:<id>", "guest:<hostId>/<uuid>", "job:<id>") and what to say. */
export type Finding = { subject: string; hostId: string | null; guestUuid: string | null; message: string; value: number | null };

const openKeyOf = (ruleId: string, subject: string) => `${ruleId} ${subject}`;

/** The messages an alert's change makes: one per person who chose the rule, and the rule's webhook. None while silenced. */
async function enqueue(client: Client, alert: Pick<Alert, "id" | "ruleId" | "silencedUntil">, transition: "fired" | "resolved", at: Date) {
  if (alert.silencedUntil && alert.silencedUntil > at) return;
  const rule = await client.alertRule.findUnique({ where: { id: alert.ruleId }, include: { subscriptions: true } });
  if (!rule) return;
  const to = [
    ...[...new Set(rule.subscriptions.map((s) => s.email))].map((email) => ({ channel: "email", recipient: email })),
    ...(rule.webhookUrl ? [{ channel: "webhook", recipient: rule.webhookUrl }] : []),
  ];
  if (to.length === 0) return;
  await client.alertNotification.createMany({
    data: to.map((t) => ({ id: newId(), alertId: alert.id, ...t, transition, status: "pending", nextAttemptAt: at })),
  });
}

/** The firing alert of a rule on a subject, or null. */
export const openAlert = (client: Client, ruleId: string, subject: string) =>
  client.alert.findUnique({ where: { openKey: openKeyOf(ruleId, subject) } });

/**
 * Fires an alert for a rule's finding unless one already fires for that subject (then its value is
 * brought up to date); returns whether a new alert fired. One firing alert per rule and subject is kept
 * by a unique key, so a second evaluation racing this one cannot fire it twice.
 */
export async function fireAlert(client: Client, rule: Pick<AlertRule, "id">, finding: Finding, at: Date): Promise<boolean> {
  const existing = await openAlert(client, rule.id, finding.subject);
  if (existing) {
    if (existing.value !== finding.value) await client.alert.update({ where: { id: existing.id }, data: { value: finding.value } });
    return false;
  }
  const id = newId();
  try {
    await client.alert.create({
      data: { id, ruleId: rule.id, ...finding, openKey: openKeyOf(rule.id, finding.subject), status: "firing", firedAt: at },
    });
  } catch {
    return false; // fired a moment ago by another evaluation
  }
  await enqueue(client, { id, ruleId: rule.id, silencedUntil: null }, "fired", at);
  return true;
}

/** Resolves a firing alert (once: the update is conditional on it still firing); returns whether it did. */
export async function resolveAlert(client: Client, alert: Pick<Alert, "id" | "ruleId" | "silencedUntil">, at: Date): Promise<boolean> {
  const { count } = await client.alert.updateMany({
    where: { id: alert.id, status: "firing" },
    data: { status: "resolved", resolvedAt: at, openKey: null },
  });
  if (count === 1) await enqueue(client, alert, "resolved", at);
  return count === 1;
}
