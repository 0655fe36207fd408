// URI -> dialer -> LibvirtClient, the libvirt way (like go-libvirt's dialerForURI).
import { LibvirtClient, type ClientOptions } from "./client";
import type { Dialer } from "./transports/dialer";
import { sshDialer, type SshDialerOptions } from "./transports/ssh";
import { DEFAULT_TLS_PORT, tcpDialer, tlsDialer, type TlsOptions } from "./transports/tcp";
import { defaultUnixSocket, unixDialer } from "./transports/unix";
import { parseUri, UriError, type LibvirtUri } from "./uri";

export interface ConnectOptions extends Omit<ClientOptions, "dialer" | "name"> {
  /** Overrides the dialer derived from the URI (tests, custom tunnels). */
  dialer?: Dialer;
  ssh?: Omit<SshDialerOptions, "host" | "remoteUri">;
  tls?: Omit<TlsOptions, "host">;
}

export function dialerForUri(uri: LibvirtUri, options: Pick<ConnectOptions, "ssh" | "tls"> = {}): Dialer {
  switch (uri.transport) {
    case "unix":
      if (uri.host) throw new UriError(`unix transport cannot have a host: ${uri.raw}`);
      return unixDialer(uri.socket ?? defaultUnixSocket(uri));
    case "tcp":
      return tcpDialer(uri.host ?? "localhost", uri.port);
    case "tls":
      return tlsDialer({
        pkiPath: uri.params.pkipath,
        rejectUnauthorized: !uri.noVerify,
        ...options.tls,
        host: uri.host ?? "localhost",
        port: options.tls?.port ?? uri.port ?? DEFAULT_TLS_PORT,
      });
    case "ssh":
      return sshDialer({
        host: uri.host ?? "localhost",
        port: uri.port,
        username: uri.user,
        privateKeyPath: uri.keyfile,
        knownHostsPath: uri.knownHosts,
        noVerify: uri.noVerify,
        remoteSocket: uri.socket,
        netcat: uri.params.netcat,
        ...options.ssh,
        remoteUri: uri.name,
      });
    default:
      throw new UriError(`transport '${uri.transport}' is not supported`);
  }
}

/** Connects to a libvirt URI such as "qemu:///system", "test:///default" or "qemu+ssh://root@host/system". */
export function connect(uriString: string, options: ConnectOptions = {}): Promise<LibvirtClient> {
  const uri = parseUri(uriString);
  const { dialer, ssh, tls, ...rest } = options;
  return LibvirtClient.connect({ ...rest, name: uri.name, dialer: dialer ?? dialerForUri(uri, { ssh, tls }) });
}
