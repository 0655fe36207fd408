-- Host clusters (issue 30): each cluster's migration policy; see HostCluster in schema.prisma.
ALTER TABLE "HostCluster" ADD COLUMN "migrationsPerHost" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "HostCluster" ADD COLUMN "migrationBandwidthMiBs" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "HostCluster" ADD COLUMN "migrationAutoConverge" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "HostCluster" ADD COLUMN "migrationStallSeconds" INTEGER NOT NULL DEFAULT 0;
