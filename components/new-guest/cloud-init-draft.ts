// The wizard's cloud-init answers while they are typed (strings, one list item per line), and how they
// become the shared schema's input (lib/validations/cloud-init.ts checks them, here and on the server).

export type CloudUserDraft = { name: string; password: string; sshKeys: string; sudo: boolean };

export type CloudInitDraft = {
  enabled: boolean;
  mode: "form" | "raw";
  hostname: string;
  users: CloudUserDraft[];
  packages: string;
  commands: string;
  networkMode: "dhcp" | "static";
  address: string;
  gateway: string;
  dns: string;
  userData: string;
};

export const emptyCloudUser: CloudUserDraft = { name: "", password: "", sshKeys: "", sudo: true };

export const emptyCloudInit: CloudInitDraft = {
  enabled: false,
  mode: "form",
  hostname: "",
  users: [],
  packages: "",
  commands: "",
  networkMode: "dhcp",
  address: "",
  gateway: "",
  dns: "",
  userData: "#cloud-config\n",
};

/** Non-empty lines (keys, packages and commands are one per line; packages may also be separated by spaces). */
const lines = (text: string, split = /\r?\n/) =>
  text
    .split(split)
    .map((l) => l.trim())
    .filter(Boolean);

/** The seed part of the request, or undefined when the section is off. */
export function seedRequest(c: CloudInitDraft): unknown {
  if (!c.enabled) return undefined;
  const network =
    c.networkMode === "dhcp"
      ? { mode: "dhcp" }
      : { mode: "static", address: c.address, gateway: c.gateway.trim(), dns: lines(c.dns, /[\s,]+/) };
  if (c.mode === "raw") return { mode: "raw", hostname: c.hostname, network, userData: c.userData };
  return {
    mode: "form",
    hostname: c.hostname,
    network,
    users: c.users.map((u) => ({ name: u.name, password: u.password, sshKeys: lines(u.sshKeys), sudo: u.sudo })),
    packages: lines(c.packages, /[\s,]+/),
    commands: lines(c.commands),
  };
}
