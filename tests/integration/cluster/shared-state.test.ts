// Jobs, schedules, wizard drafts and console tickets shared by several console instances on a real
// PostgreSQL server (Debian's, started by the test): each "instance" here has a connection of its own,
// so claims race for real, and cancels travel over LISTEN/NOTIFY.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/session";
import { ConsoleTickets } from "@/lib/server/consoles/tickets";
import { createDb, type Db } from "@/lib/server/db";
import { migrate } from "@/lib/server/migrate";
import { claimInstall, createDraft, discardDraft, findDraft, saveDraft } from "@/lib/server/new-guest/drafts";
import type { NewGuestInput } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { jobsSuite } from "../../helpers/jobs-suite";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

const clients: Db[] = [];
const client = () => {
  const db = createDb(process.env.DATABASE_URL!);
  clients.push(db);
  return db;
};

jobsSuite(async () => {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  const pg = await startPostgres(bin);
  process.env.DATABASE_URL = pg.url;
  await migrate(pg.url);
  return {
    client,
    stop: async () => {
      await Promise.all(clients.map((c) => c.$disconnect()));
      const { db } = await import("@/lib/server/db");
      await db().$disconnect();
      await pg.stop();
    },
  };
});

describe("console tickets on PostgreSQL", () => {
  it("a ticket used on two instances at the same moment opens one console", async () => {
    const [dbHere, dbThere] = [client(), client()];
    const [here, there] = [new ConsoleTickets({ db: () => dbHere }), new ConsoleTickets({ db: () => dbThere })];
    const target = { hostId: "h1", uuid: "00000000-0000-4000-8000-0000000000aa", kind: "vnc" as const };
    for (let round = 0; round < 25; round++) {
      const { ticket } = await here.mint("alice", target);
      const uses = await Promise.all([here.redeem(ticket, "alice", "vnc"), there.redeem(ticket, "alice", "vnc")]);
      expect(uses.filter((u) => u !== null)).toHaveLength(1);
    }
  });
});

describe("wizard drafts on PostgreSQL", () => {
  const actor = { id: "owner-draft", username: "drafter" } as Actor;
  const xml = "<domain type='kvm'><name>vc-jobs-draft</name><memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>";

  it("two changes from the same read: the second is refused; two installs at once: one runs; a drop happens once", async () => {
    const draft = await createDraft(actor, "h1", { name: "vc-jobs-draft" } as NewGuestInput, Domain.parse(xml));
    const [a, b] = [(await findDraft(actor.id, "h1", draft.uuid))!, (await findDraft(actor.id, "h1", draft.uuid))!];
    a.domain.title = "first";
    b.autostart = true;
    await saveDraft(a);
    await expect(saveDraft(b)).rejects.toMatchObject({ status: 409 });
    const stored = (await findDraft(actor.id, "h1", draft.uuid))!;
    expect([stored.domain.title, stored.autostart]).toEqual(["first", false]);
    expect(await findDraft("someone-else", "h1", draft.uuid)).toBeNull();

    const claims = await Promise.allSettled([claimInstall(stored), claimInstall(stored)]);
    expect(claims.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    expect(claims.find((c) => c.status === "rejected")).toMatchObject({ reason: { status: 409 } });
    await (claims.find((c) => c.status === "fulfilled") as PromiseFulfilledResult<() => Promise<void>>).value();

    await Promise.all([discardDraft(draft.uuid), discardDraft(draft.uuid)]);
    expect(await findDraft(actor.id, "h1", draft.uuid)).toBeNull();
  });
});
