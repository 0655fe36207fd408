-- Capacity forecasts (issue 25): each storage pool's space once an hour; see PoolUsagePoint in schema.prisma.
CREATE TABLE "PoolUsagePoint" (
  "hostId" TEXT NOT NULL REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "pool" TEXT NOT NULL,
  "bucket" INTEGER NOT NULL,
  "capacityBytes" DOUBLE PRECISION NOT NULL,
  "allocationBytes" DOUBLE PRECISION NOT NULL,
  PRIMARY KEY ("hostId", "pool", "bucket")
);
CREATE INDEX "PoolUsagePoint_bucket_idx" ON "PoolUsagePoint"("bucket");
