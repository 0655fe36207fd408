import "server-only";
import type { useTranslations } from "next-intl";
import type { Alert, AlertRule } from "@/generated/prisma-sqlite/client";
import type { ReaderWords } from "./alert-words";

export type Transition = "fired" | "resolved";
type MailWords = ReturnType<typeof useTranslations<"alertMail">>;

/** The JSON a webhook receives for an alert that fired or resolved: English keys, the message in English. */
export function webhookPayload(
  alert: Alert,
  rule: Pick<AlertRule, "id" | "name">,
  transition: Transition,
  notificationId: string,
  english: ReaderWords,
) {
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
      message: english.message(alert.message),
      value: alert.value,
      firedAt: alert.firedAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    },
  };
}

/** An e-mail's subject and text for an alert that fired or resolved, in the recipient's words and time zone. */
export function emailText(
  alert: Alert,
  rule: Pick<AlertRule, "name">,
  transition: Transition,
  words: ReaderWords,
): { subject: string; text: string } {
  const t: MailWords = words.mail;
  const message = words.message(alert.message);
  const lines = [
    transition === "fired"
      ? t("firedAt", { at: words.moment(alert.firedAt.getTime()) })
      : t("resolvedAt", { at: words.moment((alert.resolvedAt ?? new Date()).getTime()) }),
    "",
    message,
    "",
    t("rule", { rule: rule.name }),
    t("whatNext"),
  ];
  return { subject: transition === "fired" ? t("firedSubject", { message }) : t("resolvedSubject", { message }), text: lines.join("\n") };
}
