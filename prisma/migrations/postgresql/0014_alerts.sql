-- Alerts (issue 25): rules, the alerts they raise, people's e-mail choices and the notifications to send; see
-- AlertRule, Alert, AlertSubscription and AlertNotification in schema.prisma.
CREATE TABLE "AlertRule" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "target" TEXT NOT NULL,
  "comparison" TEXT NOT NULL DEFAULT 'above',
  "level" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "durationMinutes" INTEGER NOT NULL DEFAULT 5,
  "scope" TEXT NOT NULL DEFAULT 'global',
  "hostId" TEXT,
  "guestUuid" TEXT,
  "enabled" BOOLEAN NOT NULL DEFAULT true,
  "webhookUrl" TEXT,
  "webhookSecret" TEXT,
  "createdBy" TEXT NOT NULL DEFAULT '',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  "eventCursor" TIMESTAMP(3)
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
  "value" DOUBLE PRECISION,
  "firedAt" TIMESTAMP(3) NOT NULL,
  "resolvedAt" TIMESTAMP(3),
  "acknowledgedAt" TIMESTAMP(3),
  "acknowledgedBy" TEXT,
  "silencedUntil" TIMESTAMP(3)
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
  "nextAttemptAt" TIMESTAMP(3) NOT NULL,
  "claimedBy" TEXT,
  "claimedAt" TIMESTAMP(3),
  "sentAt" TIMESTAMP(3),
  "error" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "AlertNotification_status_nextAttemptAt_idx" ON "AlertNotification"("status", "nextAttemptAt");
