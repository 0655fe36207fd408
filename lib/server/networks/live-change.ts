import "server-only";
import { VirNetworkUpdateCommand as Command, VirNetworkUpdateSection as Section } from "@/lib/libvirt/generated/flags";
import { formatIp, parseIp } from "@/lib/networks/addresses";
import { guestAddressProblem, type NetworkEdit } from "@/lib/validations/networks";
import { DhcpHost, DhcpRange, DnsHost, type Network } from "@/lib/xml";
import { ApiError, invalidField, type ErrorKey } from "../http/errors";
import type { MessageValues } from "@/lib/validations/messages";
import { ipSubnet } from "./network-row";

export type LiveChange = { command: Command; section: Section; parentIndex: number; xml: string };

const invalid = (field: string, said: { key: ErrorKey; values?: MessageValues }) => new ApiError(422, said, { [field]: said });
const canonical = (text: string) => {
  const ip = parseIp(text)!;
  return formatIp(ip.family, ip.value);
};

/**
 * The virNetworkUpdate call for one edit of the network's definition `net`: which section, which <ip>
 * element (its index among all of them), and the element's XML written by the models (so it is escaped).
 * Additions are checked against the network's own subnet; libvirt refuses duplicates and missing entries.
 */
export function liveChange(net: Network, edit: Exclude<NetworkEdit, { kind: "autostart" }>): LiveChange {
  const command = edit.op === "add" ? Command.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST : Command.VIR_NETWORK_UPDATE_COMMAND_DELETE;
  if (
    net.forwardMode === "bridge" ||
    net.forwardMode === "private" ||
    net.forwardMode === "vepa" ||
    net.forwardMode === "passthrough" ||
    net.forwardMode === "hostdev"
  ) {
    throw new ApiError(422, { key: "bridgedNetwork" });
  }
  if (edit.kind === "dns-host") {
    return {
      command,
      section: Section.VIR_NETWORK_SECTION_DNS_HOST,
      parentIndex: -1,
      xml: new DnsHost({ ip: canonical(edit.ip), hostnames: edit.hostnames }).toXml(),
    };
  }
  const parentIndex = net.ips.items.findIndex((ip) => (ip.family ?? "ipv4") === edit.family);
  const subnet = parentIndex < 0 ? null : ipSubnet(net.ips.items[parentIndex]);
  if (!subnet) throw invalid("family", { key: "noAddressesOfFamily", values: { family: edit.family } });
  const check = (field: string, text: string) => {
    const problem = edit.op === "add" ? guestAddressProblem(subnet, text) : null;
    if (problem) throw invalidField(field, problem);
    return canonical(text);
  };
  if (edit.kind === "dhcp-range") {
    const start = check("start", edit.start);
    const end = check("end", edit.end);
    if (edit.op === "add" && parseIp(start)!.value > parseIp(end)!.value) throw invalidField("end", { key: "rangeOrder" });
    return { command, section: Section.VIR_NETWORK_SECTION_IP_DHCP_RANGE, parentIndex, xml: new DhcpRange({ start, end }).toXml() };
  }
  const host = new DhcpHost({ mac: edit.family === "ipv4" ? edit.mac : undefined, name: edit.name || undefined, ip: check("ip", edit.ip) });
  return { command, section: Section.VIR_NETWORK_SECTION_IP_DHCP_HOST, parentIndex, xml: host.toXml() };
}
