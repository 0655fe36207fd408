-- Alerts (issue 25): rules on a storage pool or on every guest with a tag; see AlertRule in schema.prisma.
ALTER TABLE "AlertRule" ADD COLUMN "pool" TEXT;
ALTER TABLE "AlertRule" ADD COLUMN "tag" TEXT;
-- Usage reports (issue 25): each guest's vCPUs and the memory it was given, per minute and hour, so vCPU-hours
-- follow the history; rows written before stay empty (reports count the guest's current size for them).
ALTER TABLE "MetricPoint" ADD COLUMN "vcpus" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "vcpusMax" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "memGivenKiB" REAL;
ALTER TABLE "MetricPoint" ADD COLUMN "memGivenKiBMax" REAL;
-- The dashboard at fleet size (issue 25): the fleet's forecasts worked out hourly; see FleetForecast in schema.prisma.
CREATE TABLE "FleetForecast" (
  "warningLevel" REAL NOT NULL PRIMARY KEY,
  "at" DATETIME NOT NULL,
  "tookMs" REAL NOT NULL,
  "items" TEXT NOT NULL
);
