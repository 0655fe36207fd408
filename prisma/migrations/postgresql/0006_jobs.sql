-- Durable jobs and schedules, wizard drafts and console tickets, shared by every console instance; see Job,
-- GuestDraft and ConsoleTicket in schema.prisma.
CREATE TABLE "Job" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "ownerId" TEXT NOT NULL DEFAULT '',
  "target" TEXT NOT NULL DEFAULT '',
  "label" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "done" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "total" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "detail" TEXT,
  "result" TEXT,
  "error" TEXT,
  "instanceId" TEXT,
  "heartbeatAt" TIMESTAMP(3) NOT NULL,
  "startedAt" TIMESTAMP(3) NOT NULL,
  "finishedAt" TIMESTAMP(3),
  "cancelRequestedAt" TIMESTAMP(3),
  "handedOverAt" TIMESTAMP(3),
  "made" TEXT NOT NULL DEFAULT '[]',
  "resume" TEXT,
  "scheduleKey" TEXT,
  "rule" TEXT,
  "payload" TEXT,
  "runAt" TIMESTAMP(3),
  "runs" INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "Job_scheduleKey_key" ON "Job"("scheduleKey");
CREATE INDEX "Job_status_instanceId_idx" ON "Job"("status", "instanceId");
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");
CREATE INDEX "Job_finishedAt_idx" ON "Job"("finishedAt");

CREATE TABLE "GuestDraft" (
  "uuid" TEXT NOT NULL PRIMARY KEY,
  "hostId" TEXT NOT NULL,
  "ownerId" TEXT NOT NULL,
  "input" TEXT NOT NULL,
  "domainXml" TEXT NOT NULL,
  "autostart" BOOLEAN NOT NULL DEFAULT false,
  "made" TEXT NOT NULL DEFAULT '[]',
  "installingBy" TEXT,
  "version" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expiresAt" TIMESTAMP(3) NOT NULL
);
CREATE INDEX "GuestDraft_expiresAt_idx" ON "GuestDraft"("expiresAt");

CREATE TABLE "ConsoleTicket" (
  "tokenHash" TEXT NOT NULL PRIMARY KEY,
  "userId" TEXT NOT NULL,
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "device" TEXT,
  "force" BOOLEAN NOT NULL DEFAULT false,
  "expiresAt" TIMESTAMP(3) NOT NULL
);
CREATE INDEX "ConsoleTicket_expiresAt_idx" ON "ConsoleTicket"("expiresAt");
