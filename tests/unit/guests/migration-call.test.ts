import { describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import { VirDomainMigrateFlags as F } from "@/lib/libvirt/generated/flags";
import { migrationCall, peerUriFor } from "@/lib/server/guests/migration/migration-call";
import { migrationOptionsSchema } from "@/lib/validations/migration";

const parse = (o: Record<string, unknown>) => migrationOptionsSchema.parse({ destinationHostId: "h2", mode: "live", ...o });

describe("the source daemon's URI for the destination", () => {
  it("keeps driver, transport, user, host, port and path, and drops this console's client parameters", () => {
    expect(peerUriFor("qemu+ssh://root@host2:2222/system?keyfile=/data/k&known_hosts=/data/kh")).toBe("qemu+ssh://root@host2:2222/system");
    expect(peerUriFor("qemu+tcp://10.77.0.2/system")).toBe("qemu+tcp://10.77.0.2/system");
    expect(peerUriFor("qemu+tls://[fd00::2]/system")).toBe("qemu+tls://[fd00::2]/system");
  });

  it("has none for a local socket", () => {
    expect(peerUriFor("qemu:///system")).toBeNull();
    expect(peerUriFor("qemu+unix:///system?socket=/run/x")).toBeNull();
  });
});

describe("migration flags and parameters", () => {
  it("a live migration with every option sets each option's flag and passes compression, bandwidth and URI as parameters", () => {
    const { flags, params } = migrationCall(
      parse({
        persistent: true,
        undefineSource: true,
        copyStorage: true,
        autoConverge: true,
        compression: "xbzrle",
        bandwidthMiBs: 50,
        migrateUri: "tcp://10.0.0.2:49152",
      }),
    );
    expect(flags).toBe(
      F.VIR_MIGRATE_PEER2PEER |
        F.VIR_MIGRATE_LIVE |
        F.VIR_MIGRATE_PERSIST_DEST |
        F.VIR_MIGRATE_UNDEFINE_SOURCE |
        F.VIR_MIGRATE_NON_SHARED_DISK |
        F.VIR_MIGRATE_AUTO_CONVERGE |
        F.VIR_MIGRATE_COMPRESSED,
    );
    expect(params).toEqual({ compression: "xbzrle", bandwidth: 50n, migrate_uri: "tcp://10.0.0.2:49152" });
  });

  it("a live migration with no options is peer-to-peer and live only, with no parameters", () => {
    const { flags, params } = migrationCall(parse({ persistent: false, undefineSource: false }));
    expect(flags).toBe(F.VIR_MIGRATE_PEER2PEER | F.VIR_MIGRATE_LIVE);
    expect(params).toEqual({});
  });

  it("offline always persists on the destination and ignores live-only options", () => {
    expect(migrationCall(parse({ mode: "offline", undefineSource: false, autoConverge: true, bandwidthMiBs: 5 }))).toEqual({
      flags: F.VIR_MIGRATE_PEER2PEER | F.VIR_MIGRATE_OFFLINE | F.VIR_MIGRATE_PERSIST_DEST,
      params: {},
    });
  });

  it("rejects option combinations that make no sense, and bad URIs, with field messages", () => {
    const r = migrationOptionsSchema.safeParse({
      destinationHostId: "h2",
      mode: "offline",
      copyStorage: true,
      persistent: false,
      peerUri: "qemu:///system",
      bandwidthMiBs: -1,
      migrateUri: "10.0.0.2",
    });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), issueText(i)]));
    expect(fields).toMatchObject({
      peerUri: expect.stringContaining("with a host name"),
      bandwidthMiBs: "0 (no limit) or more",
      migrateUri: expect.stringContaining("tcp://address"),
    });
    expect(
      migrationOptionsSchema
        .safeParse({ destinationHostId: "h2", mode: "offline", copyStorage: true, persistent: false })
        .error!.issues.map((i) => i.path[0]),
    ).toEqual(["copyStorage", "persistent"]);
  });
});
