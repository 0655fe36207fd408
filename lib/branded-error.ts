// `instanceof` for errors that cross copies of a module. The custom server (server.ts) and each of Next's
// route bundles load their own copy of our modules, so an error made by one copy's class is no instance
// of another copy's class: a LibvirtError thrown by the connection the server opened fails
// `err instanceof LibvirtError` in a route. A Symbol.for() key is the same in every copy, so a class
// marked with it is recognised everywhere. (Error names are no brand: any error can carry any name.)

type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

/**
 * Marks `cls` and its subclasses with Symbol.for(`virt-console.error.${name}`) and returns the check
 * that works in every module copy. `name` is given, not read from the class, because bundlers rename classes.
 */
export function brandError<T extends Error>(cls: ErrorClass<T>, name: string): (err: unknown) => err is T {
  const brand = Symbol.for(`virt-console.error.${name}`);
  Object.defineProperty(cls.prototype, brand, { value: true });
  return (err: unknown): err is T => typeof err === "object" && err !== null && (err as { [brand]?: unknown })[brand] === true;
}
