// libvirt's SASL handshake (AUTH_SASL_INIT / START / STEP) with a SCRAM mechanism of our own.
import { ErrorCode, LibvirtError } from "../errors";
import { remoteProcedures as p } from "../generated/remote";
import type { CallOptions, RpcSession } from "../rpc";
import { SCRAM_MECHANISMS, ScramClient } from "./scram";

export interface SaslCredentials {
  username: string;
  password: string;
}

const MAX_EMPTY_STEPS = 3;

// SASL data travels as rpcgen `char data<>`: one XDR int per byte.
const toData = (text: string) => [...Buffer.from(text, "utf8")];
const fromData = (data: readonly number[]) => Buffer.from(data.map((b) => b & 0xff)).toString("utf8");

/**
 * Authenticates with the strongest SCRAM mechanism the daemon offers. The password is never sent:
 * both sides prove knowledge of it, and a daemon that cannot prove it is refused.
 */
export async function saslAuthenticate(session: RpcSession, credentials: SaslCredentials, options: CallOptions = {}): Promise<void> {
  const { mechlist } = await session.call(p.AUTH_SASL_INIT, undefined, options);
  const offered = mechlist.split(/[\s,]+/).filter(Boolean);
  const mech = Object.keys(SCRAM_MECHANISMS).find((m) => offered.includes(m));
  if (!mech) {
    throw new LibvirtError({
      code: ErrorCode.VIR_ERR_AUTH_FAILED,
      message: `libvirtd offers the SASL mechanisms ${offered.join(", ") || "(none)"}; this client speaks ${Object.keys(SCRAM_MECHANISMS).join(" and ")} (set mech_list in the host's /etc/sasl2/libvirt.conf)`,
    });
  }
  const scram = new ScramClient(SCRAM_MECHANISMS[mech], credentials.username, credentials.password);
  const serverFirst = await session.call(p.AUTH_SASL_START, { mech, nil: 0, data: toData(scram.first()) }, options);
  if (serverFirst.complete)
    throw new LibvirtError({ code: ErrorCode.VIR_ERR_AUTH_FAILED, message: `libvirtd ended ${mech} before the server proved itself` });
  let reply = await session.call(p.AUTH_SASL_STEP, { nil: 0, data: toData(scram.final(fromData(serverFirst.data))) }, options);
  try {
    scram.verify(fromData(reply.data));
  } catch (err) {
    throw new LibvirtError({ code: ErrorCode.VIR_ERR_AUTH_FAILED, message: `SASL ${mech}: ${(err as Error).message}` });
  }
  for (let i = 0; !reply.complete; i++) {
    if (i === MAX_EMPTY_STEPS)
      throw new LibvirtError({ code: ErrorCode.VIR_ERR_AUTH_FAILED, message: `libvirtd did not complete ${mech}` });
    reply = await session.call(p.AUTH_SASL_STEP, { nil: 1, data: [] }, options);
  }
}
