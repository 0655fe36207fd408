import "server-only";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/prisma-postgresql/client";
import { env, isPostgresUrl } from "./env";
import { processSingleton } from "./process-singleton";

// Both generated clients expose the same model API; the SQLite one names the type.
export type Db = SqliteClient;

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaLibSql({ url }) });
}

/** One client per process, so server.ts and the route bundles use the same connection. */
export function db(): Db {
  return processSingleton("db", () => createDb(env().DATABASE_URL));
}
