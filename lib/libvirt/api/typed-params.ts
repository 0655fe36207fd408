// Typed parameters (virTypedParameter) <-> plain objects.
import { VirTypedParameterType } from "../generated/flags";
import type { RemoteTypedParam } from "../generated/remote";
import { withoutPrefix } from "../short-names";

export type TypedParamValue = number | bigint | boolean | string;

/** virTypedParameterType: TypedParamType.INT ... */
export const TypedParamType = withoutPrefix(VirTypedParameterType, "VIR_TYPED_PARAM_");

export function typedParamsToRecord(params: readonly RemoteTypedParam[]): Record<string, TypedParamValue> {
  const out: Record<string, TypedParamValue> = {};
  for (const { field, value } of params) {
    switch (value.type) {
      case TypedParamType.INT:
        out[field] = value.i;
        break;
      case TypedParamType.UINT:
        out[field] = value.ui;
        break;
      case TypedParamType.LLONG:
        out[field] = value.l;
        break;
      case TypedParamType.ULLONG:
        out[field] = value.ul;
        break;
      case TypedParamType.DOUBLE:
        out[field] = value.d;
        break;
      case TypedParamType.BOOLEAN:
        out[field] = value.b !== 0;
        break;
      case TypedParamType.STRING:
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
      case TypedParamType.INT:
        out.push({ field, value: { type, i: Number(v) } });
        break;
      case TypedParamType.UINT:
        out.push({ field, value: { type, ui: Number(v) } });
        break;
      case TypedParamType.LLONG:
        out.push({ field, value: { type, l: BigInt(v as number | bigint) } });
        break;
      case TypedParamType.ULLONG:
        out.push({ field, value: { type, ul: BigInt(v as number | bigint) } });
        break;
      case TypedParamType.DOUBLE:
        out.push({ field, value: { type, d: Number(v) } });
        break;
      case TypedParamType.BOOLEAN:
        out.push({ field, value: { type, b: v ? 1 : 0 } });
        break;
      case TypedParamType.STRING:
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
