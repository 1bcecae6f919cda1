import type { Kysely } from 'kysely';
import type { Schema } from '../storage/schema.ts';
import { apiKeyStore } from './api-key-store.ts';

/**
 * Last-used time and IP of API keys without a write per request: uses are noted in memory (the
 * latest per key wins) and written in one pass every `intervalMs` and at shutdown (`stop`).
 */
export interface LastUse {
  note(realmId: string, keyId: string, at: number, ip: string | null): void;
  /** Writes what has been noted so far. */
  flush(): Promise<void>;
  start(): void;
  /** Stops the timer and writes what is left. */
  stop(): Promise<void>;
}

export function createLastUse(deps: { db: Kysely<Schema>; intervalMs: number; onError: (error: unknown) => void }): LastUse {
  let pending = new Map<string, { realmId: string; keyId: string; at: number; ip: string | null }>();
  let timer: NodeJS.Timeout | undefined;

  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending = new Map();
    for (const use of batch) {
      try {
        await apiKeyStore.recordUse(deps.db, use.realmId, use.keyId, use.at, use.ip);
      } catch (error) {
        deps.onError(error);
      }
    }
  }

  return {
    note(realmId, keyId, at, ip) {
      pending.set(`${realmId}\u0000${keyId}`, { realmId, keyId, at, ip });
    },
    flush,
    start() {
      timer ??= setInterval(() => void flush(), deps.intervalMs);
      // The timer alone never keeps a process alive; `stop` writes the rest.
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await flush();
    },
  };
}
