// Shape of one entry of the generated procedure tables (lib/libvirt/generated/*).
import type { XdrReader, XdrWriter } from "./xdr";

export type StreamDirection = "read" | "write";

export interface ProcedureDef<A = void, R = void, M = void> {
  readonly name: string;
  readonly program: number;
  readonly version: number;
  readonly proc: number;
  readonly encodeArgs: (w: XdrWriter, args: A) => void;
  readonly decodeRet: (r: XdrReader) => R;
  /** Decoder for async MESSAGE payloads (events); null for ordinary calls. */
  readonly decodeMsg: ((r: XdrReader) => M) | null;
  readonly stream: StreamDirection | null;
  readonly priority: "high" | "low";
}

export type ArgsOf<P> = P extends ProcedureDef<infer A, unknown, unknown> ? A : never;
export type RetOf<P> = P extends ProcedureDef<never, infer R, unknown> ? R : never;
export type MsgOf<P> = P extends ProcedureDef<never, unknown, infer M> ? M : never;

export function defineProcedure<A, R, M = void>(def: ProcedureDef<A, R, M>): ProcedureDef<A, R, M> {
  return def;
}

export function encodeVoid(): void {}

export function decodeVoid(): void {}
