-- Self-service portal and quotas (issue 30): who made each guest and its size then, quotas per person or directory
-- group, who took each snapshot, and the groups a person's last directory sign-in reported; see GuestOwner, Quota,
-- SnapshotOwner and User.groups in schema.prisma.
ALTER TABLE "User" ADD COLUMN "groups" TEXT NOT NULL DEFAULT '[]';
CREATE TABLE "GuestOwner" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "userId" TEXT NOT NULL,
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT,
  "name" TEXT NOT NULL,
  "vcpus" INTEGER NOT NULL,
  "memoryMiB" INTEGER NOT NULL,
  "diskMiB" INTEGER NOT NULL,
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "GuestOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "GuestOwner_userId_idx" ON "GuestOwner"("userId");
-- Looked up by guest on every lifecycle event (keep-owner-records.ts).
CREATE INDEX "GuestOwner_guestUuid_idx" ON "GuestOwner"("guestUuid");
CREATE TABLE "Quota" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "subject" TEXT NOT NULL,
  "vcpus" INTEGER,
  "memoryMiB" INTEGER,
  "diskGiB" INTEGER,
  "reservations" INTEGER NOT NULL DEFAULT 0,
  "updatedBy" TEXT NOT NULL,
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Quota_kind_subject_key" ON "Quota"("kind", "subject");
CREATE TABLE "SnapshotOwner" (
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("hostId", "guestUuid", "name")
);
