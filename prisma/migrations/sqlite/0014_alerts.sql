-- Alerts (issue 25): rules, the alerts they raise, people's e-mail choices and the notifications to send; see
-- AlertRule, Alert, AlertSubscription and AlertNotification in schema.prisma.
CREATE TABLE "AlertRule" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "target" TEXT NOT NULL,
  "comparison" TEXT NOT NULL DEFAULT 'above',
  "level" REAL NOT NULL DEFAULT 0,
  "durationMinutes" INTEGER NOT NULL DEFAULT 5,
  "scope" TEXT NOT NULL DEFAULT 'global',
  "hostId" TEXT,
  "guestUuid" TEXT,
  "enabled" BOOLEAN NOT NULL DEFAULT true,
  "webhookUrl" TEXT,
  "webhookSecret" TEXT,
  "createdBy" TEXT NOT NULL DEFAULT '',
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" DATETIME NOT NULL,
  "eventCursor" DATETIME
);

CREATE TABLE "Alert" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "ruleId" TEXT NOT NULL REFERENCES "AlertRule"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "subject" TEXT NOT NULL,
  "hostId" TEXT,
  "guestUuid" TEXT,
  "openKey" TEXT,
  "status" TEXT NOT NULL,
  "message" TEXT NOT NULL,
  "value" REAL,
  "firedAt" DATETIME NOT NULL,
  "resolvedAt" DATETIME,
  "acknowledgedAt" DATETIME,
  "acknowledgedBy" TEXT,
  "silencedUntil" DATETIME
);
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");
CREATE INDEX "Alert_status_firedAt_idx" ON "Alert"("status", "firedAt");
CREATE INDEX "Alert_firedAt_idx" ON "Alert"("firedAt");

CREATE TABLE "AlertSubscription" (
  "userId" TEXT NOT NULL,
  "ruleId" TEXT NOT NULL REFERENCES "AlertRule"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "email" TEXT NOT NULL,
  PRIMARY KEY ("userId", "ruleId")
);

CREATE TABLE "AlertNotification" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "alertId" TEXT NOT NULL REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "channel" TEXT NOT NULL,
  "recipient" TEXT NOT NULL,
  "transition" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "nextAttemptAt" DATETIME NOT NULL,
  "claimedBy" TEXT,
  "claimedAt" DATETIME,
  "sentAt" DATETIME,
  "error" TEXT,
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "AlertNotification_status_nextAttemptAt_idx" ON "AlertNotification"("status", "nextAttemptAt");
