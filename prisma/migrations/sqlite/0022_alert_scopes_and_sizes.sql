-- Alerts (issue 25): rules on a storage pool or on every guest with a tag; see AlertRule in schema.prisma.
ALTER TABLE "AlertRule" ADD COLUMN "pool" TEXT;
ALTER TABLE "AlertRule" ADD COLUMN "tag" TEXT;
