-- Host clusters (issue 30): balancing settings and the moves it proposes; see HostCluster and BalanceProposal in schema.prisma.
ALTER TABLE "HostCluster" ADD COLUMN "balanceCpuPercent" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "HostCluster" ADD COLUMN "balanceMinutes" INTEGER NOT NULL DEFAULT 10;
ALTER TABLE "HostCluster" ADD COLUMN "balanceAutomatic" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "HostCluster" ADD COLUMN "balanceActorId" TEXT;
CREATE TABLE "BalanceProposal" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "clusterId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "guestName" TEXT NOT NULL,
  "sourceHostId" TEXT NOT NULL,
  "destinationHostId" TEXT NOT NULL,
  "facts" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "jobId" TEXT,
  "decidedBy" TEXT,
  "createdAt" DATETIME NOT NULL,
  "decidedAt" DATETIME
);
CREATE INDEX "BalanceProposal_clusterId_status_idx" ON "BalanceProposal"("clusterId", "status");
