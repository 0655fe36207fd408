// Prisma 7 keeps connection settings out of schema.prisma. Only `prisma generate` uses this file;
// the app builds its own client with a driver adapter (lib/server/db.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/console.db" },
});
