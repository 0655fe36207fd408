import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedGuestCpu } from "../../helpers/alert-metrics";
import { readMail } from "../../helpers/mail-text";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ctxOf } from "../../helpers/verb-context";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/auth/session";
import { createAlertRule } from "@/lib/server/alerts/create-rule";
import { deliverNotifications } from "@/lib/server/alerts/deliver";
import { evaluateAlerts } from "@/lib/server/alerts/evaluate";
import { readSmtpSettings } from "@/lib/server/alerts/read-smtp-settings";
import { saveSmtpSettings } from "@/lib/server/alerts/save-smtp-settings";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/server/alerts/signature";
import { subscribeToRule } from "@/lib/server/alerts/subscribe-rule";
import { ensureSelfSignedCertificate } from "@/lib/server/tls/certificate";

// A rule on seeded minute rows fires and resolves; the e-mail goes through a real SMTP server on loopback
// (STARTTLS and a password required) and the webhook to a receiver on loopback checks the HMAC signature.
// Two deliverers racing over the same database (two instances) send each message once.

const MIN = 60_000;
const SMTP_PORT = 3250;
const HOOK_PORT = 3251;
const KEY = "alerts-webhook-key";
const GUEST = "3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b";

type Mail = { from: string; to: string[]; raw: string; user: string | undefined; secure: boolean };
type Hook = { body: string; signature: string | undefined };

let console: TestConsole;
let admin: Actor;
let hostId: string;
let smtp: SMTPServer;
let hook: http.Server;
let certDir: string;
const mails: Mail[] = [];
const hooks: Hook[] = [];
/** The receiver answers 503 this many more times before it takes posts (retries with backoff). */
let refuseHooks = 0;
const now = Math.floor(Date.now() / MIN) * MIN;

const seedCpu = (at: number, values: number[]) => seedGuestCpu(db(), { hostId, guestUuid: GUEST }, at, values);

/** Two instances delivering at the same moment, as after a scheduler slot and a restart overlap. */
const deliverTwice = (at: number) => Promise.all([deliverNotifications(db(), "i-one", at), deliverNotifications(db(), "i-two", at)]);

beforeAll(async () => {
  console = await startTestConsole();
  admin = await console.actor();
  hostId = await console.addHost("alerts-notify-host", "test:///default");
  certDir = mkdtempSync(path.join(tmpdir(), "alerts-smtp-"));
  const cert = ensureSelfSignedCertificate(certDir, ["localhost"]);
  smtp = new SMTPServer({
    key: readFileSync(cert.keyFile),
    cert: readFileSync(cert.certFile),
    authMethods: ["PLAIN", "LOGIN"],
    // A password only over an encrypted connection: the client must have used STARTTLS.
    allowInsecureAuth: false,
    onAuth: (auth, _session, cb) =>
      auth.username === "alerts" && auth.password === "s3cret"
        ? cb(null, { user: auth.username })
        : cb(new Error("Invalid username or password")),
    onData: (stream, session, cb) => {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          user: session.user as string | undefined,
          secure: session.secure,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
  hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (refuseHooks > 0) {
        refuseHooks--;
        res.writeHead(503).end();
        return;
      }
      hooks.push({ body, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(HOOK_PORT, "127.0.0.1", resolve));
  // The webhook receiver is on loopback: an admin allows it, as they would a private network.
  await db().setting.create({ data: { key: "fetchAllowedNetworks", value: JSON.stringify(["127.0.0.1/32"]) } });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await new Promise<void>((resolve) => hook?.close(() => resolve()));
  rmSync(certDir, { recursive: true, force: true });
  await console?.cleanup();
});

describe("notifications", () => {
  it("keeps the SMTP password on the server", async () => {
    await saveSmtpSettings(ctxOf(admin), {
      host: "localhost",
      port: SMTP_PORT,
      security: "starttls",
      username: "alerts",
      password: "s3cret",
      clearPassword: false,
      from: "console@example.com",
      caCertificate: readFileSync(path.join(certDir, "cert.pem"), "utf8"),
    });
    const { smtp: shown } = await readSmtpSettings(ctxOf(admin));
    expect(shown).toMatchObject({ host: "localhost", username: "alerts", passwordSet: true });
    expect(JSON.stringify(shown)).not.toContain("s3cret");
    const row = await db().setting.findUnique({ where: { key: "alerts.smtp" } });
    expect(row!.value).not.toContain("s3cret");
  });

  it("e-mails and posts a signed webhook once when a rule fires, retrying a refused post, and again when it resolves", async () => {
    const { id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "alerts busy",
      kind: "metric",
      target: "guest.cpu",
      comparison: "above",
      level: 50,
      durationMinutes: 2,
      scope: "guest",
      hostId,
      guestUuid: GUEST,
      enabled: true,
      webhookUrl: `http://127.0.0.1:${HOOK_PORT}/hook`,
      webhookSecret: KEY,
    });
    await subscribeToRule(ctxOf(admin), { ruleId, email: "ops@example.com" });
    await seedCpu(now, [70, 80, 90]);
    refuseHooks = 1;
    expect(await evaluateAlerts(db(), now)).toEqual({ fired: 1, resolved: 0 });
    const [one, two] = await deliverTwice(now);
    expect(one.sent + two.sent).toBe(1); // the e-mail; the webhook was refused once
    expect(one.retrying + two.retrying).toBe(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: "console@example.com", to: ["ops@example.com"], user: "alerts", secure: true });
    expect(mails[0]!.raw).toContain("Subject: Alert: Guest CPU use above 50 % for 2 minutes: 90 %");
    expect(hooks).toHaveLength(0);

    // Not yet due: the backoff holds the retry back.
    await deliverTwice(now + 1_000);
    expect(hooks).toHaveLength(0);
    await deliverTwice(now + 10 * MIN);
    expect(hooks).toHaveLength(1);
    expect(verifySignature(hooks[0]!.body, KEY, hooks[0]!.signature)).toBe(true);
    expect(verifySignature(hooks[0]!.body, "another key", hooks[0]!.signature)).toBe(false);
    const fired = JSON.parse(hooks[0]!.body) as { event: string; alert: { guestUuid: string; value: number; rule: { id: string } } };
    expect(fired).toMatchObject({ event: "alert.fired", alert: { guestUuid: GUEST, value: 90, rule: { id: ruleId } } });

    await seedCpu(now + MIN, [10]);
    expect(await evaluateAlerts(db(), now + MIN)).toEqual({ fired: 0, resolved: 1 });
    await deliverTwice(now + MIN);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.raw).toContain("Subject: Resolved: Guest CPU use above 50 %");
    expect(hooks).toHaveLength(2);
    expect(JSON.parse(hooks[1]!.body)).toMatchObject({ event: "alert.resolved" });
    await deliverTwice(now + 60 * MIN);
    expect([mails.length, hooks.length]).toEqual([2, 2]);
  });

  it("gives up on a wrong SMTP password after the last attempt, and says why", async () => {
    await saveSmtpSettings(ctxOf(admin), {
      host: "localhost",
      port: SMTP_PORT,
      security: "starttls",
      username: "alerts",
      password: "wrong",
      clearPassword: false,
      from: "console@example.com",
      caCertificate: readFileSync(path.join(certDir, "cert.pem"), "utf8"),
    });
    const alert = await db().alert.findFirstOrThrow();
    await db().alertNotification.create({
      data: {
        id: "n-wrong",
        alertId: alert.id,
        channel: "email",
        recipient: "ops@example.com",
        transition: "fired",
        status: "pending",
        attempts: 5,
        nextAttemptAt: new Date(now),
      },
    });
    await deliverTwice(Date.now());
    const n = await db().alertNotification.findUniqueOrThrow({ where: { id: "n-wrong" } });
    expect(n.status).toBe("failed");
    expect(n.error).toMatch(/Invalid username or password/);
    expect(mails).toHaveLength(2);
  });

  it("e-mails a Russian-speaking recipient in Russian, in their time zone, while the webhook stays English", async () => {
    await saveSmtpSettings(ctxOf(admin), {
      host: "localhost",
      port: SMTP_PORT,
      security: "starttls",
      username: "alerts",
      password: "s3cret",
      clearPassword: false,
      from: "console@example.com",
      caCertificate: readFileSync(path.join(certDir, "cert.pem"), "utf8"),
    });
    const olga = await console.actor();
    await db().user.update({ where: { id: olga.id }, data: { locale: "ru", timeZone: "Europe/Moscow" } });
    const { id: ruleId } = await createAlertRule(ctxOf(admin), {
      name: "нагрузка",
      kind: "metric",
      target: "guest.cpu",
      comparison: "above",
      level: 50.5,
      durationMinutes: 2,
      scope: "guest",
      hostId,
      guestUuid: GUEST,
      enabled: true,
      webhookUrl: `http://127.0.0.1:${HOOK_PORT}/hook`,
      webhookSecret: "",
    });
    await subscribeToRule(ctxOf(olga), { ruleId, email: "olga@example.com" });
    const at = now + 2 * 60 * MIN;
    await seedCpu(at, [70, 80, 90]);
    expect((await evaluateAlerts(db(), at)).fired).toBeGreaterThanOrEqual(1);
    const before = { mails: mails.length, hooks: hooks.length };
    await deliverTwice(at);
    const mail = mails.slice(before.mails).find((m) => m.to.includes("olga@example.com"))!;
    const { subject, text } = readMail(mail.raw);
    expect(subject).toBe(
      `Оповещение: Загрузка ЦП гостевой системы выше 50,5 % в течение 2 минут: 90 % — гостевая система ${GUEST} на alerts-notify-host`,
    );
    expect(text).toContain("Правило: нагрузка");
    expect(text).toMatch(/GMT\+3 сработало оповещение:/);
    // Programs read the webhook: English keys and an English message.
    const hook = hooks.slice(before.hooks).map((h) => JSON.parse(h.body) as { alert: { rule: { id: string }; message: string } });
    expect(hook.find((h) => h.alert.rule.id === ruleId)?.alert.message).toMatch(/^Guest CPU use above 50\.5 % for 2 minutes: 90 %/);
  });
});
