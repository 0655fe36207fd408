import "server-only";
import type { Alert, AlertRule } from "@/generated/prisma-sqlite/client";

export type Transition = "fired" | "resolved";

/** The JSON a webhook receives for an alert that fired or resolved. */
export function webhookPayload(alert: Alert, rule: Pick<AlertRule, "id" | "name">, transition: Transition, notificationId: string) {
  return {
    /** Stays the same across retries of one notification, so a receiver can drop repeats. */
    id: notificationId,
    event: `alert.${transition}`,
    alert: {
      id: alert.id,
      rule: { id: rule.id, name: rule.name },
      subject: alert.subject,
      hostId: alert.hostId,
      guestUuid: alert.guestUuid,
      message: alert.message,
      value: alert.value,
      firedAt: alert.firedAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    },
  };
}

/** An e-mail's subject and text for an alert that fired or resolved. */
export function emailText(alert: Alert, rule: Pick<AlertRule, "name">, transition: Transition): { subject: string; text: string } {
  const subject = `${transition === "fired" ? "Alert" : "Resolved"}: ${alert.message}`;
  const lines = [
    transition === "fired"
      ? `An alert fired at ${alert.firedAt.toISOString()}:`
      : `This alert resolved at ${alert.resolvedAt?.toISOString() ?? "now"}:`,
    "",
    alert.message,
    "",
    `Rule: ${rule.name}`,
    "Open the console's Alerts page to acknowledge or silence it, or to change what reaches you.",
  ];
  return { subject, text: lines.join("\n") };
}
