// Another console instance for takeover tests, in a process of its own (so a test can kill it with
// SIGKILL): it registers itself like server.ts does, starts one job through the server verbs with the
// same modules and DATABASE_URL, prints the job's view as one "JOB {…}" line and runs until killed.
// Started by `startJobInstance` below with the test's environment.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import type { CloneGuestInput } from "@/lib/validations/clone";
import type { MigrationOptions } from "@/lib/validations/migration";
import { ctxOf } from "./verb-context";

export type JobSpec =
  | { verb: "clone"; actorId: string; hostId: string; uuid: string; input: CloneGuestInput }
  | { verb: "migrate"; actorId: string; hostId: string; uuid: string; options: MigrationOptions };

const ROOT = path.resolve(__dirname, "../..");

/** Starts the instance, resolves with its process and the job it started. */
export async function startJobInstance(spec: JobSpec): Promise<{ child: ChildProcess; job: JobView }> {
  // node itself (not the tsx launcher, which would be a parent process) so that SIGKILL hits the instance.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/job-instance.ts"), JSON.stringify(spec)], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.server.json"), JOB_INSTANCE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const job = await new Promise<JobView>((resolve, reject) => {
    let line = "";
    child.stdout!.on("data", (d: Buffer) => {
      line += d.toString();
      const m = /^JOB (.+)$/m.exec(line);
      if (m) resolve(JSON.parse(m[1]) as JobView);
    });
    child.once("exit", (code) => reject(new Error(`the job instance exited (${code}) before starting its job: ${output}`)));
  });
  return { child, job };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as JobSpec;
  const { startInstance } = await import("@/lib/server/cluster/instance");
  const { db } = await import("@/lib/server/db");
  await startInstance(`job-instance:${process.pid}`);
  const user = await db().user.findUniqueOrThrow({ where: { id: spec.actorId } });
  const actor: Actor = {
    id: user.id,
    username: user.username,
    displayName: user.username,
    sessionId: "job-instance",
    sessionExpiresAt: new Date(Date.now() + 3_600_000),
    grants: [{ role: "admin", scope: "global", hostId: null, guestUuid: null }],
  };
  let job: JobView;
  if (spec.verb === "clone") {
    const { cloneGuest } = await import("@/lib/server/guests/clone/clone-guest");
    job = await cloneGuest(ctxOf(actor), { hostId: spec.hostId, uuid: spec.uuid, ...spec.input });
  } else {
    const { migrateGuest } = await import("@/lib/server/guests/migration/migrate-guest");
    job = await migrateGuest(ctxOf(actor), { hostId: spec.hostId, uuid: spec.uuid, ...spec.options });
  }
  process.stdout.write(`JOB ${JSON.stringify(job)}\n`);
  setInterval(() => undefined, 1 << 30);
}

if (process.env.JOB_INSTANCE === "1") {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
