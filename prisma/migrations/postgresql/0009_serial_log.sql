-- Serial console logs (issue 26): lines a guest wrote to a serial console, and how far each log file was read.
CREATE TABLE "SerialLogLine" (
  "id" SERIAL NOT NULL PRIMARY KEY,
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "device" TEXT NOT NULL,
  "at" TIMESTAMP(3) NOT NULL,
  "text" TEXT NOT NULL
);
CREATE INDEX "SerialLogLine_hostId_guestUuid_device_id_idx" ON "SerialLogLine"("hostId", "guestUuid", "device", "id");
CREATE INDEX "SerialLogLine_at_idx" ON "SerialLogLine"("at");

CREATE TABLE "SerialLogCursor" (
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "device" TEXT NOT NULL,
  "path" TEXT NOT NULL,
  "offset" BIGINT NOT NULL,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  PRIMARY KEY ("hostId", "guestUuid", "device")
);
