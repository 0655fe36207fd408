-- Console-wide settings (Admin → Settings); see Setting in schema.prisma. value is JSON.
CREATE TABLE "Setting" (
  "key" TEXT NOT NULL PRIMARY KEY,
  "value" TEXT NOT NULL,
  "updatedAt" DATETIME NOT NULL,
  "updatedBy" TEXT NOT NULL DEFAULT ''
);
