-- Saved cloud-init user-data for the new-guest wizard's raw editor (issue 21); see CloudInitSnippet in schema.prisma.
CREATE TABLE "CloudInitSnippet" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "userData" TEXT NOT NULL,
  "createdBy" TEXT NOT NULL DEFAULT '',
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "CloudInitSnippet_name_key" ON "CloudInitSnippet"("name");
