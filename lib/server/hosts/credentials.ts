import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import { open, seal } from "./secret-box";

/** Secrets a host connection may need. Kept encrypted, one file per host, outside the database. */
export type HostCredentials = {
  password?: string;
  privateKey?: string;
  passphrase?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
};

const dir = () => path.join(env().DATA_DIR, "credentials");
const fileOf = (ref: string) => {
  if (!/^[0-9a-f-]{36}$/.test(ref)) throw new Error("invalid credentials reference");
  return path.join(dir(), `${ref}.sealed`);
};

/** Stores the credentials and returns the reference kept in Host.credentialsRef (null when there are none). */
export async function storeCredentials(credentials: HostCredentials): Promise<string | null> {
  const present = Object.fromEntries(Object.entries(credentials).filter(([, v]) => typeof v === "string" && v.length > 0));
  if (Object.keys(present).length === 0) return null;
  const ref = randomUUID();
  await mkdir(dir(), { recursive: true, mode: 0o700 });
  await writeFile(fileOf(ref), seal(JSON.stringify(present)), { mode: 0o600 });
  return ref;
}

export async function loadCredentials(ref: string | null): Promise<HostCredentials> {
  if (!ref) return {};
  return JSON.parse(open(await readFile(fileOf(ref), "utf8"))) as HostCredentials;
}

export async function removeCredentials(ref: string | null): Promise<void> {
  if (ref) await rm(fileOf(ref), { force: true });
}
