-- Performance history (issue 10): 1-minute and 1-hour rollups per guest and per host; see MetricPoint in schema.prisma.
-- bucket: minutes since the Unix epoch (UTC).
-- WITHOUT ROWID: the rows live in the primary key's b-tree, so the key is not stored twice.
CREATE TABLE "MetricPoint" (
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL DEFAULT '',
  "resolution" TEXT NOT NULL,
  "bucket" INTEGER NOT NULL,
  "samples" INTEGER NOT NULL,
  "cpuPercent" REAL,
  "cpuPercentMax" REAL,
  "cpuHostPercent" REAL,
  "cpuHostPercentMax" REAL,
  "memUsedKiB" REAL,
  "memUsedKiBMax" REAL,
  "memTotalKiB" REAL,
  "memTotalKiBMax" REAL,
  "diskReadBps" REAL,
  "diskReadBpsMax" REAL,
  "diskWriteBps" REAL,
  "diskWriteBpsMax" REAL,
  "diskReadIops" REAL,
  "diskReadIopsMax" REAL,
  "diskWriteIops" REAL,
  "diskWriteIopsMax" REAL,
  "netRxBps" REAL,
  "netRxBpsMax" REAL,
  "netTxBps" REAL,
  "netTxBpsMax" REAL,
  "netRxPps" REAL,
  "netRxPpsMax" REAL,
  "netTxPps" REAL,
  "netTxPpsMax" REAL,
  CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("hostId", "guestUuid", "resolution", "bucket"),
  CONSTRAINT "MetricPoint_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE INDEX "MetricPoint_resolution_bucket_idx" ON "MetricPoint"("resolution", "bucket");
