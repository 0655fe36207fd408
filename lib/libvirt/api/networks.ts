import type { LibvirtClient } from "../client";
import { remoteProcedures as p, type RemoteNetworkDhcpLease, type RemoteNonnullNetwork } from "../generated/remote";
import { uuidToString } from "./domains";

export type NetworkRef = RemoteNonnullNetwork;

export interface NetworkSummary {
  ref: NetworkRef;
  name: string;
  uuid: string;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
}

export class NetworkApi {
  constructor(private readonly client: LibvirtClient) {}

  async list(flags = 0): Promise<NetworkSummary[]> {
    const { nets } = await this.client.call(p.CONNECT_LIST_ALL_NETWORKS, { need_results: 1, flags });
    return Promise.all(
      nets.map(async (net) => {
        const [active, persistent, autostart] = await Promise.all([
          this.client.call(p.NETWORK_IS_ACTIVE, { net }),
          this.client.call(p.NETWORK_IS_PERSISTENT, { net }),
          this.client.call(p.NETWORK_GET_AUTOSTART, { net }),
        ]);
        return { ref: net, name: net.name, uuid: uuidToString(net.uuid), active: active.active !== 0, persistent: persistent.persistent !== 0, autostart: autostart.autostart !== 0 };
      }),
    );
  }

  async lookupByName(name: string): Promise<NetworkRef> {
    return (await this.client.call(p.NETWORK_LOOKUP_BY_NAME, { name })).net;
  }

  async define(xml: string): Promise<NetworkRef> {
    return (await this.client.call(p.NETWORK_DEFINE_XML, { xml })).net;
  }

  async undefine(net: NetworkRef): Promise<void> {
    await this.client.call(p.NETWORK_UNDEFINE, { net });
  }

  async start(net: NetworkRef): Promise<void> {
    await this.client.call(p.NETWORK_CREATE, { net });
  }

  async stop(net: NetworkRef): Promise<void> {
    await this.client.call(p.NETWORK_DESTROY, { net });
  }

  async setAutostart(net: NetworkRef, enabled: boolean): Promise<void> {
    await this.client.call(p.NETWORK_SET_AUTOSTART, { net, autostart: enabled ? 1 : 0 });
  }

  async xml(net: NetworkRef, flags = 0): Promise<string> {
    return (await this.client.call(p.NETWORK_GET_XML_DESC, { net, flags })).xml;
  }

  async dhcpLeases(net: NetworkRef, mac: string | null = null): Promise<RemoteNetworkDhcpLease[]> {
    return (await this.client.call(p.NETWORK_GET_DHCP_LEASES, { net, mac, need_results: 1, flags: 0 })).leases;
  }
}
