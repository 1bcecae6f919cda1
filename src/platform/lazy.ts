import { createRequire } from 'node:module';

/**
 * Loading on first use: modules only some requests need (mail, SMS, passkeys, QR codes, templates,
 * the PostgreSQL driver) cost every process their memory from the start when imported at the top.
 * Behind these loaders they are loaded by the first request that needs them, once per process.
 */

/** `load()` runs once and its promise is shared; a failure is not kept, so the next call tries again. */
export function memoise<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

const require = createRequire(import.meta.url);

/**
 * `make()` runs on the first call; later calls return what it made, or throw again what it threw.
 * What is made this way is a compiled schema or a loaded package, which fails the same way every
 * time; trying again could even pass wrongly (Ajv caches a schema before it checks it).
 */
export function once<T>(make: () => T): () => T {
  let outcome: { value: T } | { error: unknown } | undefined;
  return () => {
    if (!outcome) {
      try {
        outcome = { value: make() };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

/**
 * A CommonJS package, loaded synchronously: for code that cannot wait (a template rendered inside
 * synchronous code, a database opened synchronously). Call it where the package is first needed,
 * typed with the caller's `import type`; Node caches the module, so later calls cost a look-up.
 */
export const requirePackage = <T>(name: string): T => require(name) as T;
