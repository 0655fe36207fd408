import { describe, expect, it } from "vitest";
import { remoteCommand } from "../../../lib/libvirt/transports/ssh";
import { parseUri, UriError } from "../../../lib/libvirt/uri";

describe("parseUri", () => {
  it("parses local URIs", () => {
    const u = parseUri("qemu:///system");
    expect(u).toMatchObject({ driver: "qemu", transport: "unix", path: "/system", name: "qemu:///system", noVerify: false });
    expect(u.host).toBeUndefined();
    expect(parseUri("test:///default").name).toBe("test:///default");
  });

  it("parses remote URIs with user, host, port and client params", () => {
    const u = parseUri("qemu+ssh://admin@host.example:2222/system?keyfile=/k/id&known_hosts=/k/kh&no_verify=1&socket=/run/x.sock");
    expect(u).toMatchObject({
      driver: "qemu",
      transport: "ssh",
      user: "admin",
      host: "host.example",
      port: 2222,
      path: "/system",
      keyfile: "/k/id",
      knownHosts: "/k/kh",
      noVerify: true,
      socket: "/run/x.sock",
    });
    expect(u.name).toBe("qemu:///system");
  });

  it("honours name= and forwards unknown params to the daemon", () => {
    expect(parseUri("qemu+tcp://h/system?name=qemu:///session").name).toBe("qemu:///session");
    expect(parseUri("test+tcp://h/default?foo=bar").name).toBe("test:///default?foo=bar");
    expect(parseUri("qemu+tls://[::1]:16514/system")).toMatchObject({ host: "::1", port: 16514, transport: "tls" });
    expect(parseUri("qemu://host/system").transport).toBe("tls");
  });

  it("rejects malformed URIs", () => {
    expect(() => parseUri("not a uri")).toThrow(UriError);
    expect(() => parseUri("qemu+carrierpigeon://h/system")).toThrow(/unsupported transport/);
    expect(() => parseUri("qemu+tcp://h:99999/system")).toThrow(UriError);
  });

  it("builds libvirt's remote command with virt-ssh-helper and an nc fallback", () => {
    const cmd = remoteCommand({ remoteUri: "qemu:///system" });
    expect(cmd).toContain("virt-ssh-helper");
    expect(cmd).toContain("qemu:///system");
    expect(cmd).toContain("-U");
    expect(remoteCommand({ remoteUri: "qemu:///system", remoteSocket: "/s" })).not.toContain("virt-ssh-helper");
  });
});
