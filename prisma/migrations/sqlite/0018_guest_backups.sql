-- Guest backups (issue 24): the restore points of each guest; see GuestBackupPoint in schema.prisma.
CREATE TABLE "GuestBackupPoint" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "guestName" TEXT NOT NULL,
  "pool" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "parentId" TEXT,
  "status" TEXT NOT NULL,
  "error" TEXT,
  "disks" TEXT NOT NULL DEFAULT '[]',
  "sizeBytes" REAL NOT NULL DEFAULT 0,
  "durationMs" INTEGER NOT NULL DEFAULT 0,
  "checkpoint" TEXT,
  "consistency" TEXT NOT NULL DEFAULT 'crash-consistent',
  "definition" TEXT NOT NULL DEFAULT '',
  "verified" TEXT,
  "verifyNote" TEXT,
  "verifiedAt" DATETIME,
  "jobId" TEXT,
  "createdAt" DATETIME NOT NULL,
  "finishedAt" DATETIME
);
CREATE INDEX "GuestBackupPoint_hostId_guestUuid_idx" ON "GuestBackupPoint"("hostId", "guestUuid");
