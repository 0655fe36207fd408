-- Single-disk recovery (issue 24): one disk of a restore point attached to another guest through an overlay;
-- see GuestBackupAttachment in schema.prisma.
CREATE TABLE "GuestBackupAttachment" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "hostId" TEXT NOT NULL,
  "pointId" TEXT NOT NULL,
  "sourceUuid" TEXT NOT NULL,
  "sourceDisk" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "guestName" TEXT NOT NULL,
  "targetDev" TEXT NOT NULL,
  "pool" TEXT NOT NULL,
  "volume" TEXT NOT NULL,
  "path" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL
);
CREATE INDEX "GuestBackupAttachment_hostId_guestUuid_idx" ON "GuestBackupAttachment"("hostId", "guestUuid");
CREATE INDEX "GuestBackupAttachment_pointId_idx" ON "GuestBackupAttachment"("pointId");
