import { describe, expect, it } from "vitest";
import { buildHostUri, formFromUri, hostFormSchema } from "@/lib/validations/hosts";
import { issueText } from "../../helpers/issue-text";

describe("host form → libvirt URI", () => {
  const cases: [unknown, string][] = [
    [{ kind: "local", name: "here" }, "qemu:///system"],
    [{ kind: "test", name: "demo" }, "test:///default"],
    [{ kind: "ssh", name: "r", user: "root", address: "kvm1.example.com", auth: "key" }, "qemu+ssh://root@kvm1.example.com/system"],
    [
      { kind: "ssh", name: "r", user: "admin", address: "10.0.0.5", port: "2222", auth: "password" },
      "qemu+ssh://admin@10.0.0.5:2222/system",
    ],
    [{ kind: "tls", name: "t", address: "[fd00::5]", port: 16514 }, "qemu+tls://[fd00::5]:16514/system"],
    [{ kind: "tcp", name: "t", address: "lab", port: "" }, "qemu+tcp://lab/system"],
    [{ kind: "tls", name: "t", address: "kvm2", saslUser: "alice", password: "pw" }, "qemu+tls://alice@kvm2/system"],
    [{ kind: "tcp", name: "t", address: "lab", saslUser: "", password: "" }, "qemu+tcp://lab/system"],
    [
      { kind: "custom", name: "c", uri: "qemu+ssh://root@h/session?keyfile=/root/.ssh/id" },
      "qemu+ssh://root@h/session?keyfile=/root/.ssh/id",
    ],
  ];
  it.each(cases)("%j → %s", (input, uri) => {
    const parsed = hostFormSchema.parse(input);
    expect(buildHostUri(parsed)).toBe(uri);
  });

  it("reads standard URIs back into form fields and leaves others as custom", () => {
    expect(formFromUri("qemu+ssh://root@kvm1:2222/system")).toEqual({ kind: "ssh", user: "root", address: "kvm1", port: 2222 });
    expect(formFromUri("qemu+tls://[fd00::5]/system")).toEqual({ kind: "tls", user: undefined, address: "[fd00::5]", port: undefined });
    expect(formFromUri("qemu:///system")).toEqual({ kind: "local" });
    expect(formFromUri("qemu:///session")).toEqual({ kind: "custom", uri: "qemu:///session" });
  });

  it("says what is wrong with bad input", () => {
    const errors = (input: unknown) => hostFormSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${issueText(i)}`);
    expect(errors({ kind: "ssh", name: "", user: "root;rm", address: "a b", port: 70000, auth: "key" })).toEqual([
      "name: Enter a name",
      "user: Letters, digits, '.', '_' and '-' only",
      "address: A host name, an IPv4 address or an [IPv6] address",
      "port: 1 to 65535",
    ]);
    expect(errors({ kind: "custom", name: "x", uri: "qemu+ext:///system?command=/bin/sh" })).toEqual([
      "uri: Not a libvirt URI this console can open, e.g. qemu+ssh://root@host/system",
    ]);
    expect(errors({ kind: "ssh", name: "x", user: "u", address: "h", auth: "key", hostKeyFingerprint: "MD5:aa" })).toEqual([
      "hostKeyFingerprint: An OpenSSH SHA256 fingerprint",
    ]);
  });
});
