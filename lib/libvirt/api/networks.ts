import type { LibvirtClient } from "../client";
import type {
  VirConnectListAllNetworksFlags,
  VirNetworkUpdateCommand,
  VirNetworkUpdateFlags,
  VirNetworkUpdateSection,
  VirNetworkXMLFlags,
} from "../generated/flags";
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

/** libvirt_internal.h VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER. */
const FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16;

export class NetworkApi {
  private updateOrder: Promise<boolean> | undefined;

  constructor(private readonly client: LibvirtClient) {}

  async list(flags: VirConnectListAllNetworksFlags = 0): Promise<NetworkSummary[]> {
    const { nets } = await this.client.call(p.CONNECT_LIST_ALL_NETWORKS, { need_results: 1, flags });
    return Promise.all(
      nets.map(async (net) => {
        const [active, persistent, autostart] = await Promise.all([
          this.client.call(p.NETWORK_IS_ACTIVE, { net }),
          this.client.call(p.NETWORK_IS_PERSISTENT, { net }),
          this.client.call(p.NETWORK_GET_AUTOSTART, { net }),
        ]);
        return {
          ref: net,
          name: net.name,
          uuid: uuidToString(net.uuid),
          active: active.active !== 0,
          persistent: persistent.persistent !== 0,
          autostart: autostart.autostart !== 0,
        };
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

  async xml(net: NetworkRef, flags: VirNetworkXMLFlags = 0): Promise<string> {
    return (await this.client.call(p.NETWORK_GET_XML_DESC, { net, flags })).xml;
  }

  async dhcpLeases(net: NetworkRef, mac: string | null = null): Promise<RemoteNetworkDhcpLease[]> {
    return (await this.client.call(p.NETWORK_GET_DHCP_LEASES, { net, mac, need_results: 1, flags: 0 })).leases;
  }

  async isActive(net: NetworkRef): Promise<boolean> {
    return (await this.client.call(p.NETWORK_IS_ACTIVE, { net })).active !== 0;
  }

  async isPersistent(net: NetworkRef): Promise<boolean> {
    return (await this.client.call(p.NETWORK_IS_PERSISTENT, { net })).persistent !== 0;
  }

  async autostart(net: NetworkRef): Promise<boolean> {
    return (await this.client.call(p.NETWORK_GET_AUTOSTART, { net })).autostart !== 0;
  }

  async bridgeName(net: NetworkRef): Promise<string> {
    return (await this.client.call(p.NETWORK_GET_BRIDGE_NAME, { net })).name;
  }

  /**
   * virNetworkUpdate: changes one section (a DHCP host, range, DNS host …) of a running and/or persistent
   * network without restarting it. Daemons before libvirt 8.x expect `command` and `section` swapped on
   * the wire; newer ones say so with a feature flag (the same check as go-libvirt's NetworkUpdateCompat).
   */
  async update(
    net: NetworkRef,
    change: {
      command: VirNetworkUpdateCommand;
      section: VirNetworkUpdateSection;
      parentIndex: number;
      xml: string;
      flags: VirNetworkUpdateFlags;
    },
  ): Promise<void> {
    this.updateOrder ??= this.client.call(p.CONNECT_SUPPORTS_FEATURE, { feature: FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER, flags: 0 }).then(
      (r) => r.supported === 1,
      () => false,
    );
    const correct = await this.updateOrder;
    const { command, section, parentIndex, xml, flags } = change;
    await this.client.call(p.NETWORK_UPDATE, {
      net,
      command: correct ? command : section,
      section: correct ? section : command,
      parentIndex,
      xml,
      flags,
    });
  }
}
