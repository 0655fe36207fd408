-- The image library of a host (issue 21): disk images the console imported into a pool; see DiskImage in schema.prisma.
CREATE TABLE "DiskImage" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "hostId" TEXT NOT NULL,
  "pool" TEXT NOT NULL,
  "volume" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "sourceKind" TEXT NOT NULL,
  "sourceFormat" TEXT NOT NULL,
  "sha256" TEXT NOT NULL,
  "format" TEXT NOT NULL,
  "virtualBytes" REAL NOT NULL,
  "osId" TEXT,
  "createdBy" TEXT NOT NULL,
  "createdAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "DiskImage_hostId_pool_volume_key" ON "DiskImage"("hostId", "pool", "volume");
CREATE INDEX "DiskImage_hostId_idx" ON "DiskImage"("hostId");
