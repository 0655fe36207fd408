-- Several instances on one database: which instance does each host's long-lived work (HostLease), the host's
-- connection status as that instance sees it (HostState), and the dashboard's recent events (FleetEvent).
-- See the models in schema.prisma.
CREATE TABLE "HostLease" (
  "hostId" TEXT NOT NULL PRIMARY KEY,
  "instanceId" TEXT NOT NULL,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "HostLease_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "HostLease_instanceId_idx" ON "HostLease"("instanceId");

CREATE TABLE "HostState" (
  "hostId" TEXT NOT NULL PRIMARY KEY,
  "state" TEXT NOT NULL,
  "since" TIMESTAMP(3) NOT NULL,
  "message" TEXT,
  "retryAt" TIMESTAMP(3),
  "parked" BOOLEAN NOT NULL DEFAULT false,
  "instanceId" TEXT NOT NULL DEFAULT '',
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "HostState_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "FleetEvent" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "at" TIMESTAMP(3) NOT NULL,
  "kind" TEXT NOT NULL,
  "hostId" TEXT NOT NULL,
  "hostName" TEXT,
  "guestUuid" TEXT,
  "name" TEXT,
  "message" TEXT
);
CREATE INDEX "FleetEvent_at_idx" ON "FleetEvent"("at");
