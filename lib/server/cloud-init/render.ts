import "server-only";
import { randomInt } from "node:crypto";
// SHA-512 crypt ($6$, what `mkpasswd -m sha-512` and `openssl passwd -6` write, and what cloud-init's
// hashed_passwd expects): a small, dependency-free library, checked in tests/unit against openssl's output.
import { sha512 } from "sha512-crypt-ts";
import { stringify } from "yaml";
import { parseCidr } from "@/lib/networks/addresses";
import type { SeedFiles } from "@/lib/new-guest/cloud-init";
import type { CloudInitInput, CloudNetwork, CloudUser } from "@/lib/validations/cloud-init";

const SALT_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random 16-character crypt salt. */
export function cryptSalt(): string {
  return Array.from({ length: 16 }, () => SALT_ALPHABET[randomInt(SALT_ALPHABET.length)]).join("");
}

/** `$6$<salt>$<hash>`: the password as /etc/shadow keeps it; the plain text never reaches the seed. */
export function hashPassword(password: string, salt = cryptSalt()): string {
  return sha512.crypt(password, `$6$${salt}`);
}

const HEADER = "#cloud-config\n";

function userEntry(user: CloudUser, hash: (password: string) => string): Record<string, unknown> {
  return {
    name: user.name,
    shell: "/bin/bash",
    ...(user.sudo ? { sudo: "ALL=(ALL) NOPASSWD:ALL" } : {}),
    ...(user.passwordHash || user.password
      ? { lock_passwd: false, hashed_passwd: user.passwordHash ?? hash(user.password) }
      : { lock_passwd: true }),
    ...(user.sshKeys.length ? { ssh_authorized_keys: user.sshKeys } : {}),
  };
}

/** The host name part cloud-init sets: the first label as hostname, and the whole as fqdn when it has dots. */
function names(hostname: string): Record<string, string> {
  const short = hostname.split(".")[0];
  return short === hostname ? { hostname } : { hostname: short, fqdn: hostname };
}

/** `user-data`: #cloud-config YAML from the form, or the typed YAML (given the header line if it lacks it). */
export function renderUserData(input: CloudInitInput, hash: (password: string) => string = hashPassword): string {
  if (input.mode === "raw") return input.userData.startsWith("#cloud-config") ? input.userData : HEADER + input.userData;
  const config: Record<string, unknown> = { ...names(input.hostname), preserve_hostname: false };
  if (input.users.length) config.users = input.users.map((u) => userEntry(u, hash));
  if (input.users.some((u) => u.password || u.passwordHash)) config.ssh_pwauth = true;
  if (input.packages.length) {
    config.package_update = true;
    config.packages = input.packages;
  }
  if (input.commands.length) config.runcmd = input.commands;
  return HEADER + stringify(config);
}

/** `meta-data`: the instance id (a new one makes cloud-init run again) and the host name. */
export function renderMetaData(instanceId: string, hostname: string): string {
  return stringify({ "instance-id": instanceId, "local-hostname": hostname });
}

/** `network-config`, version 2: the guest's first Ethernet interface (e*: eth0, ens3, enp1s0…), by DHCP or static. */
export function renderNetworkConfig(network: CloudNetwork): string {
  const match = { name: "e*" };
  if (network.mode === "dhcp") return stringify({ version: 2, ethernets: { primary: { match, dhcp4: true } } });
  const family = parseCidr(network.address)?.family ?? "ipv4";
  const primary: Record<string, unknown> = { match, addresses: [network.address] };
  if (network.gateway) primary.routes = [{ to: family === "ipv4" ? "0.0.0.0/0" : "::/0", via: network.gateway }];
  if (network.dns.length) primary.nameservers = { addresses: network.dns };
  return stringify({ version: 2, ethernets: { primary } });
}

/** All three files for one guest. */
export function renderSeed(input: CloudInitInput, instanceId: string, hash: (password: string) => string = hashPassword): SeedFiles {
  return {
    "user-data": renderUserData(input, hash),
    "meta-data": renderMetaData(instanceId, input.hostname),
    "network-config": renderNetworkConfig(input.network),
  };
}

/** The same seed input with every password replaced by its hash: what may be stored (a customized draft). */
export function withHashedPasswords<T extends { install: { method: string; cloudInit?: CloudInitInput } }>(input: T): T {
  const seed = input.install.cloudInit;
  if (!seed || seed.mode !== "form") return input;
  const users = seed.users.map(({ password, ...u }) =>
    password ? { ...u, password: "", passwordHash: hashPassword(password) } : { ...u, password },
  );
  return { ...input, install: { ...input.install, cloudInit: { ...seed, users } } };
}
