// Typed parameters (virTypedParameter) <-> plain objects.
import type { RemoteTypedParam } from "../generated/remote";

export type TypedParamValue = number | bigint | boolean | string;

export const TypedParamType = { INT: 1, UINT: 2, LLONG: 3, ULLONG: 4, DOUBLE: 5, BOOLEAN: 6, STRING: 7 } as const;

export function typedParamsToRecord(params: readonly RemoteTypedParam[]): Record<string, TypedParamValue> {
  const out: Record<string, TypedParamValue> = {};
  for (const { field, value } of params) {
    switch (value.type) {
      case 1:
        out[field] = value.i;
        break;
      case 2:
        out[field] = value.ui;
        break;
      case 3:
        out[field] = value.l;
        break;
      case 4:
        out[field] = value.ul;
        break;
      case 5:
        out[field] = value.d;
        break;
      case 6:
        out[field] = value.b !== 0;
        break;
      case 7:
        out[field] = value.s;
        break;
    }
  }
  return out;
}

/**
 * Plain object -> typed params. The wire type is inferred from the JS type (string,
 * boolean, bigint -> ULLONG, integer -> UINT/INT, other number -> DOUBLE) unless
 * `types` names it explicitly, as libvirt is strict about e.g. ULLONG vs UINT.
 */
export function recordToTypedParams(
  record: Record<string, TypedParamValue | undefined>,
  types: Record<string, number> = {},
): RemoteTypedParam[] {
  const out: RemoteTypedParam[] = [];
  for (const [field, v] of Object.entries(record)) {
    if (v === undefined) continue;
    const type = types[field] ?? inferType(v);
    switch (type) {
      case 1:
        out.push({ field, value: { type, i: Number(v) } });
        break;
      case 2:
        out.push({ field, value: { type, ui: Number(v) } });
        break;
      case 3:
        out.push({ field, value: { type, l: BigInt(v as number | bigint) } });
        break;
      case 4:
        out.push({ field, value: { type, ul: BigInt(v as number | bigint) } });
        break;
      case 5:
        out.push({ field, value: { type, d: Number(v) } });
        break;
      case 6:
        out.push({ field, value: { type, b: v ? 1 : 0 } });
        break;
      case 7:
        out.push({ field, value: { type, s: String(v) } });
        break;
      default:
        throw new TypeError(`unknown typed parameter type ${type} for ${field}`);
    }
  }
  return out;
}

function inferType(v: TypedParamValue): number {
  if (typeof v === "string") return TypedParamType.STRING;
  if (typeof v === "boolean") return TypedParamType.BOOLEAN;
  if (typeof v === "bigint") return TypedParamType.ULLONG;
  if (!Number.isInteger(v)) return TypedParamType.DOUBLE;
  return v < 0 ? TypedParamType.INT : TypedParamType.UINT;
}
