import type { LibvirtClient } from "../client";
import { remoteProcedures as p, type RemoteNonnullInterface, type RemoteNonnullNodeDevice } from "../generated/remote";

export class InterfaceApi {
  constructor(private readonly client: LibvirtClient) {}

  async list(flags = 0): Promise<RemoteNonnullInterface[]> {
    return (await this.client.call(p.CONNECT_LIST_ALL_INTERFACES, { need_results: 1, flags })).ifaces;
  }

  async xml(iface: RemoteNonnullInterface, flags = 0): Promise<string> {
    return (await this.client.call(p.INTERFACE_GET_XML_DESC, { iface, flags })).xml;
  }
}

export class NodeDeviceApi {
  constructor(private readonly client: LibvirtClient) {}

  async list(flags = 0): Promise<RemoteNonnullNodeDevice[]> {
    return (await this.client.call(p.CONNECT_LIST_ALL_NODE_DEVICES, { need_results: 1, flags })).devices;
  }

  async xml(name: string, flags = 0): Promise<string> {
    return (await this.client.call(p.NODE_DEVICE_GET_XML_DESC, { name, flags })).xml;
  }
}
