-- Host clusters (issue 30): hosts grouped so guests may move among them, their baseline CPU, placement
-- policy and rules; a host's cluster and maintenance mode. See HostCluster in schema.prisma.
CREATE TABLE "HostCluster" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "description" TEXT NOT NULL DEFAULT '',
  "policy" TEXT NOT NULL DEFAULT 'spread',
  "requiredNetworks" TEXT NOT NULL DEFAULT '[]',
  "requiredPools" TEXT NOT NULL DEFAULT '[]',
  "antiAffinityTags" TEXT NOT NULL DEFAULT '[]',
  "affinityTags" TEXT NOT NULL DEFAULT '[]',
  "vcpuOvercommit" REAL NOT NULL DEFAULT 4,
  "maintenanceParallel" INTEGER NOT NULL DEFAULT 2,
  "baselineCpuXml" TEXT,
  "baselineComputedAt" DATETIME,
  "baselineError" TEXT,
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "HostCluster_name_key" ON "HostCluster"("name");

ALTER TABLE "Host" ADD COLUMN "clusterId" TEXT REFERENCES "HostCluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Host" ADD COLUMN "maintenanceSince" DATETIME;
CREATE INDEX "Host_clusterId_idx" ON "Host"("clusterId");
