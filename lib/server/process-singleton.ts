import "server-only";

/**
 * The one instance of something per process (the database client, the host pool, the job list ...),
 * made by `create` on first use. A module-level `let` is not enough: the custom server (server.ts) and
 * each of Next's route bundles load their own copy of our modules, so each copy would make its own
 * instance. The instance is kept on globalThis under Symbol.for(`virt-console.${name}`), which every
 * copy shares. `name` must be unique in the process.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`virt-console.${name}`);
  const holder = globalThis as { [key]?: T };
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
