import "server-only";
import nodemailer from "nodemailer";
import type { Db } from "../db";
import { open } from "../hosts/secret-box";
import { guardedPost } from "../net/guarded-fetch";
import type { GuardOptions } from "../net/resolve-checked";
import { SIGNATURE_HEADER, signBody } from "./signature";
import { smtpConfig } from "./smtp-config";

const WEBHOOK_TIMEOUT_MS = 10_000;

/** Sends one e-mail with the admin's SMTP settings (STARTTLS required unless they chose otherwise). */
export async function sendEmail(db: Db, to: string, message: { subject: string; text: string }): Promise<void> {
  const smtp = await smtpConfig(db);
  if (!smtp) throw new Error("E-mail is not set up: an admin fills in the mail server under Admin → Settings");
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: smtp.username ? { user: smtp.username, pass: smtp.password ?? "" } : undefined,
    tls: smtp.caCertificate ? { ca: smtp.caCertificate } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({ from: smtp.from, to, subject: message.subject, text: message.text });
  } finally {
    transport.close();
  }
}

/** Posts a JSON body to a rule's webhook through the fetch guard, signed with the rule's key when it has one. */
export async function sendWebhook(url: string, sealedKey: string | null, payload: unknown, guard: GuardOptions = {}): Promise<void> {
  const body = Buffer.from(JSON.stringify(payload));
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (sealedKey) headers[SIGNATURE_HEADER] = signBody(body, open(sealedKey));
  await guardedPost(url, { ...guard, headers, body, timeoutMs: WEBHOOK_TIMEOUT_MS });
}
