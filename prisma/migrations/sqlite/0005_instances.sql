-- Running console processes, for host leases and job takeover when several instances share one database.
CREATE TABLE "Instance" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "address" TEXT NOT NULL DEFAULT '',
  "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "stoppingAt" DATETIME
);
