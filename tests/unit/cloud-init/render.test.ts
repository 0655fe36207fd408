import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  hashPassword,
  renderMetaData,
  renderNetworkConfig,
  renderSeed,
  renderUserData,
  withHashedPasswords,
} from "@/lib/server/cloud-init/render";
import { cloudInitSchema, type CloudInitInput } from "@/lib/validations/cloud-init";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOWHLPOqkGtS+puV5MvDq/hBoBNskt/Rf26lbC76DXuB test@example";
const form = (extra: Record<string, unknown> = {}): CloudInitInput => cloudInitSchema.parse({ mode: "form", hostname: "web1", ...extra });
const fixedHash = (password: string) => `HASH(${password})`;

describe("SHA-512 crypt", () => {
  it("gives what openssl passwd -6 gives for the same salt, so the guest's login accepts it", () => {
    const salt = "Qz1.abcdEFGH/xyz";
    const ours = hashPassword("correct horse", salt);
    expect(ours).toBe(execFileSync("openssl", ["passwd", "-6", "-salt", salt, "correct horse"], { encoding: "utf8" }).trim());
  });

  it("salts each hash afresh", () => {
    const a = hashPassword("same");
    expect(a).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(hashPassword("same")).not.toBe(a);
  });
});

describe("user-data from the form", () => {
  it("is #cloud-config YAML with host name, users, packages and commands; passwords only as hashes", () => {
    const text = renderUserData(
      form({
        hostname: "web1.example.org",
        users: [{ name: "alice", password: "s3cret", sshKeys: [KEY], sudo: true }, { name: "bob" }],
        packages: ["nginx", "qemu-guest-agent"],
        commands: ["systemctl enable --now nginx", "echo 'a: b' > /tmp/x"],
      }),
      fixedHash,
    );
    expect(text.startsWith("#cloud-config\n")).toBe(true);
    expect(text).not.toContain("s3cret\n");
    expect(parse(text)).toEqual({
      hostname: "web1",
      fqdn: "web1.example.org",
      preserve_hostname: false,
      users: [
        {
          name: "alice",
          shell: "/bin/bash",
          sudo: "ALL=(ALL) NOPASSWD:ALL",
          lock_passwd: false,
          hashed_passwd: "HASH(s3cret)",
          ssh_authorized_keys: [KEY],
        },
        { name: "bob", shell: "/bin/bash", lock_passwd: true },
      ],
      ssh_pwauth: true,
      package_update: true,
      packages: ["nginx", "qemu-guest-agent"],
      runcmd: ["systemctl enable --now nginx", "echo 'a: b' > /tmp/x"],
    });
  });

  it("leaves out what was not asked for", () => {
    expect(parse(renderUserData(form(), fixedHash))).toEqual({ hostname: "web1", preserve_hostname: false });
  });

  it("uses a stored hash as it is, and withHashedPasswords keeps no plain text", () => {
    const input = { install: { method: "import", cloudInit: form({ users: [{ name: "alice", password: "pw" }] }) } };
    const stored = withHashedPasswords(input);
    const seed = stored.install.cloudInit;
    if (seed.mode !== "form") throw new Error("form expected");
    expect(seed.users[0].password).toBe("");
    expect(seed.users[0].passwordHash).toMatch(/^\$6\$/);
    expect(JSON.stringify(stored)).not.toContain('"pw"');
    expect(parse(renderUserData(seed, fixedHash)).users[0].hashed_passwd).toBe(seed.users[0].passwordHash);
  });
});

describe("raw user-data", () => {
  it("is kept as typed, with the #cloud-config line added when missing", () => {
    const raw = (userData: string) => cloudInitSchema.parse({ mode: "raw", hostname: "h", userData });
    expect(renderUserData(raw("packages: [htop]\n"))).toBe("#cloud-config\npackages: [htop]\n");
    expect(renderUserData(raw("#cloud-config\nruncmd: [ls]\n"))).toBe("#cloud-config\nruncmd: [ls]\n");
  });
});

describe("meta-data and network-config", () => {
  it("meta-data names the instance and the host", () => {
    expect(parse(renderMetaData("iid-1", "web1"))).toEqual({ "instance-id": "iid-1", "local-hostname": "web1" });
  });

  it("DHCP on the first Ethernet interface by default", () => {
    expect(parse(renderNetworkConfig({ mode: "dhcp" }))).toEqual({
      version: 2,
      ethernets: { primary: { match: { name: "e*" }, dhcp4: true } },
    });
  });

  it("a static address with gateway and DNS (IPv4 and IPv6 default routes)", () => {
    const v4 = cloudInitSchema.parse({
      mode: "form",
      hostname: "h",
      network: { mode: "static", address: "192.168.122.50/24", gateway: "192.168.122.1", dns: ["1.1.1.1", "9.9.9.9"] },
    });
    expect(parse(renderNetworkConfig(v4.network)).ethernets.primary).toEqual({
      match: { name: "e*" },
      addresses: ["192.168.122.50/24"],
      routes: [{ to: "0.0.0.0/0", via: "192.168.122.1" }],
      nameservers: { addresses: ["1.1.1.1", "9.9.9.9"] },
    });
    const v6 = renderNetworkConfig({ mode: "static", address: "fd00::50/64", gateway: "fd00::1", dns: [] });
    expect(parse(v6).ethernets.primary.routes).toEqual([{ to: "::/0", via: "fd00::1" }]);
    expect(parse(renderNetworkConfig({ mode: "static", address: "10.0.0.5/8", gateway: "", dns: [] })).ethernets.primary).toEqual({
      match: { name: "e*" },
      addresses: ["10.0.0.5/8"],
    });
  });

  it("renderSeed gives all three files", () => {
    const files = renderSeed(form(), "iid-x", fixedHash);
    expect(Object.keys(files).sort()).toEqual(["meta-data", "network-config", "user-data"]);
    expect(parse(files["meta-data"])["local-hostname"]).toBe("web1");
  });
});
