// Tags travel with the guest: a tagged guest migrated live to a second libvirtd (tests/helpers/peer-daemon.ts)
// carries them in its running and its saved definition there, as `virsh dumpxml` on the peer shows.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { migrateGuest } from "@/lib/server/guests/migration/migrate-guest";
import { readGuestTags } from "@/lib/server/tags/read-guest-tags";
import { setGuestTags } from "@/lib/server/tags/set-guest-tags";
import { migrationOptionsSchema } from "@/lib/validations/migration";
import { CONSOLE_TAGS_NS } from "@/lib/xml";
import type { TestConsole } from "../../helpers/console-db";
import { jobFinished } from "../../helpers/jobs";
import type { PeerDaemon } from "../../helpers/peer-daemon";
import { startPersistentTestGuest } from "../../helpers/test-guest";
import { startTwoHosts, stopTwoHosts } from "../../helpers/two-hosts";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let peer: PeerDaemon;
let admin: Actor;
let localId: string;
let peerId: string;
let lv: Libvirt;
let peerLv: Libvirt;
const made: string[] = [];

const virshOn = (uri: string, ...args: string[]) => execFileSync("virsh", ["-c", uri, ...args], { stdio: "pipe" }).toString();

beforeAll(async () => {
  ({ tc, peer, admin, localId, peerId, lv, peerLv } = await startTwoHosts());
});

afterAll(() => stopTwoHosts({ tc, peer, lv, peerLv }, made));

describe("tags and migration", () => {
  it("survive a live migration: the destination's running and saved definitions carry them", async () => {
    const guest = await startPersistentTestGuest(lv, { namePrefix: "tags-mig", memoryMiB: 128, waitForBoot: false });
    made.push(guest.name);
    const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
    await setGuestTags(ctxOf(admin), { hostId: localId, uuid, tags: ["branch-berlin", "web"] });

    const options = migrationOptionsSchema.parse({ destinationHostId: peerId, mode: "live", persistent: true, undefineSource: true });
    const job: JobView = await jobFinished(await migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options }), admin.id, {
      timeoutMs: 120_000,
      pollMs: 200,
    });
    expect(job.error).toBeUndefined();
    expect(job.status).toBe("done");

    for (const flags of [[], ["--inactive"]]) {
      const xml = virshOn(peer.uri, "dumpxml", ...flags, guest.name);
      expect(xml).toContain(`xmlns:console="${CONSOLE_TAGS_NS}"`);
      expect(xml).toMatch(/<console:tag>branch-berlin<\/console:tag>\s*<console:tag>web<\/console:tag>/);
    }
    expect(await readGuestTags({ lv: peerLv, dom: await peerLv.domains.lookupByName(guest.name) })).toEqual(["branch-berlin", "web"]);
  });
});
