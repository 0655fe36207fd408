-- Failed sign-ins, kept for the throttling window so limits hold across restarts (and, later, across instances).
CREATE TABLE "LoginFailure" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "username" TEXT NOT NULL,
  "address" TEXT NOT NULL,
  "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "LoginFailure_username_at_idx" ON "LoginFailure"("username", "at");
CREATE INDEX "LoginFailure_address_at_idx" ON "LoginFailure"("address", "at");
CREATE INDEX "LoginFailure_at_idx" ON "LoginFailure"("at");
