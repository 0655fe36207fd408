// Usage reports through the server verbs: libvirt's test driver (test:///default) supplies the guest and
// what it is given now; seeded hourly rows inside and outside the period, and a seeded "guest.create" audit
// row naming its creator; the report's totals match the seeded rows exactly, and the monthly e-mail reaches
// a real SMTP server on loopback once per recipient.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { monthRange } from "@/lib/reports/usage";
import type { GuestRow } from "@/lib/guests/types";
import type { Actor } from "@/lib/server/auth/session";
import { saveSmtpSettings } from "@/lib/server/alerts/save-smtp-settings";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { listGuests } from "@/lib/server/guests/list-guests";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newId } from "@/lib/server/ids";
import { readUsage } from "@/lib/server/reports/usage";
import { saveUsageMail, sendUsageReport } from "@/lib/server/reports/usage-mail";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { freePort } from "../../helpers/free-port";
import { readMail } from "../../helpers/mail-text";
import { ctxOf } from "../../helpers/verb-context";

const HOUR = 3_600_000;
const GiB = 1024 ** 3;
const NOVEMBER = monthRange("2026-11");

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let guest: GuestRow;
let smtp: SMTPServer;
let smtpPort: number;
const mails: { to: string[]; raw: string }[] = [];

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("reports-usage", "test:///default");
  guest = (await listGuests(ctxOf(admin))).guests.find((g) => g.hostId === hostId)!;
  const full = HOUR / env().METRICS_INTERVAL_MS;
  const row = (t: number, samples: number, memTotalKiB: number, netRxBps: number) =>
    db().metricPoint.create({
      data: {
        hostId,
        guestUuid: guest.uuid,
        resolution: "1h",
        bucket: t / 60_000,
        samples,
        cpuPercent: 10,
        memTotalKiB,
        netRxBps,
        netTxBps: 0,
      },
    });
  // In November: 100 full hours at 2 GiB and 1 KiB/s, and one half hour at 4 GiB; outside it, hours that must not count.
  for (let i = 0; i < 100; i++) await row(NOVEMBER.from + i * HOUR, full, 2 * 1024 * 1024, 1024);
  await row(NOVEMBER.from + 200 * HOUR, full / 2, 4 * 1024 * 1024, 0);
  await row(NOVEMBER.from - HOUR, full, 2 * 1024 * 1024, 1024);
  await row(NOVEMBER.to, full, 2 * 1024 * 1024, 1024);
  await db().auditLog.create({
    data: { id: newId(), actor: "ann", action: "guest.create", target: `guest:${hostId}/${guest.name} (${guest.uuid})`, result: "ok" },
  });
  smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData: (stream, session, cb) => {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await hostPool().closeAll();
  await tc?.cleanup();
});

describe("usage reports", () => {
  it("total the seeded hours of the period exactly, by owner", async () => {
    const report = await readUsage(ctxOf(admin), { ...NOVEMBER, groupBy: "owner" });
    const g = report.guests.find((r) => r.uuid === guest.uuid)!;
    expect(g.owner).toBe("ann");
    expect(g.hours).toBe(100.5);
    expect(g.vcpuHours).toBe(guest.vcpus * 100.5);
    // 100 hours × 2 GiB + 0.5 hour × 4 GiB.
    expect(g.memoryGiBHours).toBe(202);
    // 100 hours × 1 KiB/s × 3600 s.
    expect(g.trafficGiB * GiB).toBeCloseTo(100 * 1024 * 3600, 3);
    const ann = report.groups.find((r) => r.group === "ann")!;
    expect(ann).toMatchObject({ guests: 1, vcpuHours: guest.vcpus * 100.5, memoryGiBHours: 202 });
    const byHost = await readUsage(ctxOf(admin), { ...NOVEMBER, groupBy: "host" });
    expect(byHost.groups.find((r) => r.group === "reports-usage")).toMatchObject({ vcpuHours: g.vcpuHours, memoryGiBHours: 202 });
  });

  it("e-mail the month before to each recipient once", async () => {
    await saveSmtpSettings(ctxOf(admin), {
      host: "127.0.0.1",
      port: smtpPort,
      security: "none",
      username: "",
      password: "",
      clearPassword: false,
      from: "console@example.com",
      caCertificate: "",
    });
    // Min signs in with her address and reads Korean: her report comes in Korean, its CSV headers too.
    await db().user.create({ data: { id: newId(), username: "min@example.com", passwordHash: "x", locale: "ko" } });
    await saveUsageMail(ctxOf(admin), {
      enabled: true,
      recipients: ["ann@example.com", "bob@example.com", "min@example.com"],
      groupBy: "host",
    });
    const { sent } = await sendUsageReport(db(), Date.UTC(2026, 11, 1, 6));
    expect(sent).toBe(3);
    expect(mails.map((m) => m.to)).toEqual([["ann@example.com"], ["bob@example.com"], ["min@example.com"]]);
    expect(mails[0]!.raw).toContain("Subject: Usage report for November 2026");
    expect(mails[0]!.raw).toContain("reports-usage: 1 guest, ");
    const korean = readMail(mails[2]!.raw);
    expect(korean.subject).toBe("2026년 11월 사용량 보고서");
    expect(korean.text).toContain("reports-usage: 게스트 1개");
    expect(korean.text).toMatch(/^호스트,게스트 수,실행 시간,/m);
  });
});
