import "server-only";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/prisma-postgresql/client";
import { env, isPostgresUrl } from "./env";

// Both generated clients expose the same model API; the SQLite one names the type.
export type Db = SqliteClient;

// server.ts and Next's route bundle load this module separately; one client per process is shared
// through globalThis so both use the same connection.
const key = Symbol.for("virt-console.db");
type Holder = { [key]?: Db };

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaLibSql({ url }) });
}

export function db(): Db {
  const holder = globalThis as Holder;
  holder[key] ??= createDb(env().DATABASE_URL);
  return holder[key];
}
