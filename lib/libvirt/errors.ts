// Typed errors. Server errors carry libvirt's virErrorNumber/virErrorDomain;
// client-side failures reuse the closest libvirt code so callers can switch on one field.
import { brandError } from "../branded-error";
import { VirErrorDomain, VirErrorNumber, errorCodeNames, errorDomainNames } from "./generated/flags";
import type { RemoteError } from "./generated/remote";

export const ErrorCode = VirErrorNumber;
export const ErrorDomain = VirErrorDomain;

export interface LibvirtErrorInit {
  code: VirErrorNumber;
  domain?: number;
  message: string;
  level?: number;
  /** true when the error came from the daemon (a remote_error payload). */
  remote?: boolean;
  cause?: unknown;
}

export class LibvirtError extends Error {
  override name = "LibvirtError";
  readonly code: number;
  readonly domain: number;
  readonly level: number;
  readonly remote: boolean;

  constructor(init: LibvirtErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.domain = init.domain ?? VirErrorDomain.VIR_FROM_RPC;
    this.level = init.level ?? 2;
    this.remote = init.remote ?? false;
  }

  /** e.g. "VIR_ERR_NO_DOMAIN" */
  get codeName(): string {
    return errorCodeNames[this.code] ?? `VIR_ERR_${this.code}`;
  }

  /** e.g. "VIR_FROM_QEMU" */
  get domainName(): string {
    return errorDomainNames[this.domain] ?? `VIR_FROM_${this.domain}`;
  }

  /** The daemon does not know the procedure (older libvirt than the generated table). */
  get isUnsupportedProcedure(): boolean {
    return this.code === VirErrorNumber.VIR_ERR_RPC && /unknown procedure/.test(this.message);
  }

  static fromRemote(err: RemoteError): LibvirtError {
    return new LibvirtError({
      // A newer daemon may send a code the generated table lacks; codeName then shows the number.
      code: err.code as VirErrorNumber,
      domain: err.domain,
      level: err.level,
      message: err.message ?? `libvirt error ${err.code}`,
      remote: true,
    });
  }
}

/** Malformed data from the peer: bad length, undecodable payload, unexpected packet. */
export class ProtocolError extends LibvirtError {
  override name = "ProtocolError";
  constructor(message: string, cause?: unknown) {
    super({ code: VirErrorNumber.VIR_ERR_RPC, message, cause });
  }
}

export class TimeoutError extends LibvirtError {
  override name = "TimeoutError";
  constructor(message: string) {
    super({ code: VirErrorNumber.VIR_ERR_OPERATION_TIMEOUT, message });
  }
}

export class AbortError extends LibvirtError {
  override name = "AbortError";
  constructor(message = "operation aborted", cause?: unknown) {
    super({ code: VirErrorNumber.VIR_ERR_OPERATION_ABORTED, message, cause });
  }
}

/** The transport closed or was never open. */
export class ConnectionClosedError extends LibvirtError {
  override name = "ConnectionClosedError";
  constructor(message = "connection to libvirt closed", cause?: unknown) {
    super({ code: VirErrorNumber.VIR_ERR_NO_CONNECT, message, cause });
  }
}

const isAnyLibvirtError = brandError(LibvirtError, "LibvirtError");

/**
 * Whether `err` is a LibvirtError (or one of its subclasses) from any copy of this module, and when
 * `code` is given, one with that virErrorNumber: isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN).
 */
export function isLibvirtError(err: unknown, code?: VirErrorNumber): err is LibvirtError {
  return isAnyLibvirtError(err) && (code === undefined || err.code === code);
}
export const isProtocolError = brandError(ProtocolError, "ProtocolError");
export const isTimeoutError = brandError(TimeoutError, "TimeoutError");
export const isAbortError = brandError(AbortError, "AbortError");
export const isConnectionClosedError = brandError(ConnectionClosedError, "ConnectionClosedError");
