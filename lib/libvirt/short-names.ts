// Short views of generated enums (generated/flags.ts) for the names code uses most, so the numbers stay
// in one place: DomainState.RUNNING is VirDomainState.VIR_DOMAIN_RUNNING.

type Short<T, P extends string> = { readonly [K in keyof T as K extends `${P}${infer R}` ? R : never]: T[K] };

/** The members of `values` named `${prefix}X`, as X. */
export function withoutPrefix<T extends Record<string, number>, P extends string>(values: T, prefix: P): Short<T, P> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [name.slice(prefix.length), value]),
  ) as Short<T, P>;
}

/** Value -> lower-case short name, e.g. VirDomainState 1 -> "running". */
export function lowerNames<T extends Record<string, number>>(short: T): Readonly<Record<number, string>> {
  return Object.fromEntries(Object.entries(short).map(([name, value]) => [value, name.toLowerCase()]));
}
