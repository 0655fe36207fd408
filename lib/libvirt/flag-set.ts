// Typed libvirt flags. A procedure's `flags` argument is a bit-set of the C enum libvirt's docs name for
// it (generated/flags.ts, from libvirt-api.xml); the enum's C type name brands both the members and the
// argument, so passing a bit of another enum, or a bare number, is a type error. At run time a flag set
// is the plain number libvirt expects: the brand exists only in the types.

declare const flagEnum: unique symbol;

/** Bits of the libvirt flag enum(s) E (C type names, e.g. "virDomainXMLFlags"), or 0 for none. */
export type Flags<E extends string> = 0 | (number & { readonly [flagEnum]: E });

/** One member of flag enum E with value V (the generated constants have this type). */
export type FlagBit<E extends string, V extends number> = V & { readonly [flagEnum]: E };

/** The bitwise OR of `bits`; `flagSet()` is no flags. Bits of different enums give a set of all of them. */
export function flagSet<E extends string>(...bits: Flags<E>[]): Flags<E> {
  let set = 0;
  for (const bit of bits) set |= bit;
  return set as Flags<E>;
}

/** Whether every bit of `bit` is set in `set`. */
export function hasFlag<E extends string>(set: Flags<E>, bit: Flags<E>): boolean {
  return (set & bit) === bit;
}
