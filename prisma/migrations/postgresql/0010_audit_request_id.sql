-- Each audit row names the request it came in on (the id in the log and the X-Request-Id header).
ALTER TABLE "AuditLog" ADD COLUMN "requestId" TEXT NOT NULL DEFAULT '';
