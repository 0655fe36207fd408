import type { LibvirtClient } from "../client";
import type { VirConnectListAllInterfacesFlags, VirConnectListAllNodeDeviceFlags, VirInterfaceXMLFlags } from "../generated/flags";
import { remoteProcedures as p, type RemoteNonnullInterface, type RemoteNonnullNodeDevice } from "../generated/remote";

export class InterfaceApi {
  constructor(private readonly client: LibvirtClient) {}

  async list(flags: VirConnectListAllInterfacesFlags = 0): Promise<RemoteNonnullInterface[]> {
    return (await this.client.call(p.CONNECT_LIST_ALL_INTERFACES, { need_results: 1, flags })).ifaces;
  }

  async xml(iface: RemoteNonnullInterface, flags: VirInterfaceXMLFlags = 0): Promise<string> {
    return (await this.client.call(p.INTERFACE_GET_XML_DESC, { iface, flags })).xml;
  }
}

export class NodeDeviceApi {
  constructor(private readonly client: LibvirtClient) {}

  async list(flags: VirConnectListAllNodeDeviceFlags = 0): Promise<RemoteNonnullNodeDevice[]> {
    return (await this.client.call(p.CONNECT_LIST_ALL_NODE_DEVICES, { need_results: 1, flags })).devices;
  }

  async xml(name: string): Promise<string> {
    return (await this.client.call(p.NODE_DEVICE_GET_XML_DESC, { name, flags: 0 })).xml;
  }
}
