-- Highly available guests (issue 30): a host's power management (IPMI, password sealed like host credentials),
-- its fencing state, the cluster's grace time and automatic fencing, and the guests marked highly available with
-- their persistent definition; see Host, HostCluster and HaGuest in schema.prisma.
ALTER TABLE "Host" ADD COLUMN "bmcAddress" TEXT;
ALTER TABLE "Host" ADD COLUMN "bmcPort" INTEGER NOT NULL DEFAULT 623;
ALTER TABLE "Host" ADD COLUMN "bmcUser" TEXT;
ALTER TABLE "Host" ADD COLUMN "bmcPasswordSealed" TEXT;
ALTER TABLE "Host" ADD COLUMN "haState" TEXT;
ALTER TABLE "Host" ADD COLUMN "haStateSince" DATETIME;
ALTER TABLE "Host" ADD COLUMN "haDetail" TEXT;
ALTER TABLE "HostCluster" ADD COLUMN "haGraceSeconds" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "HostCluster" ADD COLUMN "haFenceAutomatically" BOOLEAN NOT NULL DEFAULT false;
CREATE TABLE "HaGuest" (
  "uuid" TEXT NOT NULL PRIMARY KEY,
  "hostId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "xml" TEXT NOT NULL,
  "markedBy" TEXT NOT NULL,
  "running" BOOLEAN NOT NULL DEFAULT true,
  "updatedAt" DATETIME NOT NULL
);
CREATE INDEX "HaGuest_hostId_idx" ON "HaGuest"("hostId");
