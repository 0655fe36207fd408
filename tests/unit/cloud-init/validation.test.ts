import { describe, expect, it } from "vitest";
import { issueText } from "../../helpers/issue-text";
import { cloudInitSchema, isSshPublicKey, yamlProblem } from "@/lib/validations/cloud-init";
import { newGuestSchema } from "@/lib/validations/new-guest";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOWHLPOqkGtS+puV5MvDq/hBoBNskt/Rf26lbC76DXuB test@example";

/** The field messages zod gives, by path. */
const problems = (input: unknown) =>
  Object.fromEntries((cloudInitSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), issueText(i)]));

describe("YAML user-data", () => {
  it("a parse error names its line and column", () => {
    expect(issueText(yamlProblem("#cloud-config\npackages: [htop, git\nruncmd:\n  - ls\n"))).toMatch(/^Line 3, column 1: Flow sequence/);
    expect(issueText(yamlProblem("packages: [a]\npackages: [b]\n"))).toBe("Line 2, column 1: Map keys must be unique");
  });

  it("must be a mapping, and not empty", () => {
    expect(issueText(yamlProblem("- just\n- a list\n"))).toMatch(/must be a mapping/);
    expect(issueText(yamlProblem("#cloud-config\n"))).toBe("The user data is empty");
    expect(yamlProblem("#cloud-config\npackages: [htop]\n")).toBeNull();
  });

  it("the raw mode refuses bad YAML at the userData field", () => {
    expect(problems({ mode: "raw", hostname: "h", userData: "a: [1,\n" })).toEqual({
      userData: expect.stringMatching(/^Line 2, column 1: Flow sequence/),
    });
  });
});

describe("the form's fields", () => {
  it("SSH keys: a real public key line passes; garbage, a private key or a mislabelled blob do not", () => {
    expect(isSshPublicKey(KEY)).toBe(true);
    expect(isSshPublicKey("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOWHLPOqkGtS+puV5MvDq/hBoBNskt/Rf26lbC76DXuB")).toBe(false);
    expect(isSshPublicKey("-----BEGIN OPENSSH PRIVATE KEY-----")).toBe(false);
    expect(isSshPublicKey("ssh-ed25519 not*base64")).toBe(false);
    expect(problems({ mode: "form", hostname: "h", users: [{ name: "alice", sshKeys: ["hello"] }] })).toEqual({
      "users.0.sshKeys.0": expect.stringMatching(/^Not an SSH public key/),
    });
  });

  it("host names, user names and package names", () => {
    expect(problems({ mode: "form", hostname: "-bad" })).toEqual({ hostname: expect.stringMatching(/^Letters, digits/) });
    expect(problems({ mode: "form", hostname: "web1.example.org" })).toEqual({});
    expect(problems({ mode: "form", hostname: "h", users: [{ name: "Root!" }] })).toEqual({ "users.0.name": expect.any(String) });
    expect(problems({ mode: "form", hostname: "h", packages: ["nginx; rm -rf /"] })).toEqual({ "packages.0": expect.any(String) });
    expect(problems({ mode: "form", hostname: "h", commands: ["two\nlines"] })).toEqual({ "commands.0": "One line of plain text" });
  });

  it("static network: address with prefix, gateway inside it, DNS addresses", () => {
    const net = (network: object) => problems({ mode: "form", hostname: "h", network: { mode: "static", ...network } });
    expect(net({ address: "192.168.1.300/24" })).toEqual({ "network.address": expect.stringMatching(/^An address with its prefix/) });
    expect(net({ address: "192.168.1.5" })).toEqual({ "network.address": expect.any(String) });
    expect(net({ address: "192.168.1.5/24", gateway: "10.0.0.1" })).toEqual({
      "network.gateway": "The gateway must be inside 192.168.1.5/24",
    });
    expect(net({ address: "192.168.1.5/24", gateway: "192.168.1.1", dns: ["nope"] })).toEqual({ "network.dns.0": expect.any(String) });
    expect(net({ address: "192.168.1.5/24", gateway: "192.168.1.1", dns: ["1.1.1.1"] })).toEqual({});
  });

  it("the wizard's import method carries the seed, under install.cloudInit", () => {
    const base = {
      name: "g",
      os: "generic",
      memoryMiB: 256,
      vcpus: 1,
      storage: { kind: "none" },
      network: { type: "none" },
    };
    const ok = newGuestSchema.safeParse({
      ...base,
      install: { method: "import", pool: "default", volume: "disk.qcow2", cloudInit: { mode: "form", hostname: "g" } },
    });
    expect(ok.success).toBe(true);
    const bad = newGuestSchema.safeParse({
      ...base,
      install: { method: "import", pool: "default", volume: "disk.qcow2", cloudInit: { mode: "raw", hostname: "g", userData: ": :\n  -" } },
    });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["install.cloudInit.userData"]);
  });
});
