-- Alerts (issue 25): rules on a storage pool or on every guest with a tag; see AlertRule in schema.prisma.
ALTER TABLE "AlertRule" ADD COLUMN "pool" TEXT;
ALTER TABLE "AlertRule" ADD COLUMN "tag" TEXT;
-- Usage reports (issue 25): each guest's vCPUs and the memory it was given, per minute and hour, so vCPU-hours
-- follow the history; rows written before stay empty (reports count the guest's current size for them).
ALTER TABLE "MetricPoint" ADD COLUMN "vcpus" DOUBLE PRECISION;
ALTER TABLE "MetricPoint" ADD COLUMN "vcpusMax" DOUBLE PRECISION;
ALTER TABLE "MetricPoint" ADD COLUMN "memGivenKiB" DOUBLE PRECISION;
ALTER TABLE "MetricPoint" ADD COLUMN "memGivenKiBMax" DOUBLE PRECISION;
-- The dashboard at fleet size (issue 25): the fleet's forecasts worked out hourly; see FleetForecast in schema.prisma.
CREATE TABLE "FleetForecast" (
  "warningLevel" DOUBLE PRECISION NOT NULL PRIMARY KEY,
  "at" TIMESTAMP(3) NOT NULL,
  "tookMs" DOUBLE PRECISION NOT NULL,
  "items" TEXT NOT NULL
);
