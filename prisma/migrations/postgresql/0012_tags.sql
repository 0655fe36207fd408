-- Tags: on hosts (a JSON array), grants on a tag, and the mirror of which guests carry which tag (the tags
-- themselves are in each guest's libvirt metadata).
ALTER TABLE "Host" ADD COLUMN "tags" TEXT NOT NULL DEFAULT '[]';

ALTER TABLE "RoleGrant" ADD COLUMN "tag" TEXT;
DROP INDEX "RoleGrant_userId_role_scope_hostId_guestUuid_key";
CREATE UNIQUE INDEX "RoleGrant_userId_role_scope_hostId_guestUuid_tag_key" ON "RoleGrant"("userId", "role", "scope", "hostId", "guestUuid", "tag");
CREATE INDEX "RoleGrant_tag_idx" ON "RoleGrant"("tag");

CREATE TABLE "GuestTag" (
  "hostId" TEXT NOT NULL,
  "guestUuid" TEXT NOT NULL,
  "tag" TEXT NOT NULL,
  CONSTRAINT "GuestTag_pkey" PRIMARY KEY ("hostId", "guestUuid", "tag"),
  CONSTRAINT "GuestTag_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "GuestTag_tag_idx" ON "GuestTag"("tag");
