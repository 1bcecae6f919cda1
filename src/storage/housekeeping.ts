/**
 * Housekeeping: rows whose time has passed are deleted on a timer, so tables that grow with every
 * sign-in attempt (flows, one-time link tokens) stay as small as the live ones. Every process runs
 * it; the deletes are idempotent, so several processes doing it at once only repeat a cheap query.
 */
import type { Kysely } from 'kysely';
import { purgeExpiredFlows } from '../flows/flow-store.ts';
import { oidcStore } from '../oidc/oidc-store.ts';
import { purgeDeliveries } from '../webhooks/delivery-store.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import { oneTimeTokens } from './one-time-tokens.ts';
import type { Schema } from './schema.ts';

/** How often the purge runs: expired rows are harmless (every read checks expiry), only wasteful. */
export const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

/** Flows live at most 15 minutes; tokens at most their own lifetime. */
const tasks: { name: string; purge: (db: Kysely<Schema>, now: number) => Promise<number> }[] = [
  { name: 'sign_in_flows', purge: purgeExpiredFlows },
  { name: 'one_time_tokens', purge: oneTimeTokens.purgeExpired },
  // OpenID Connect sessions, interactions, grants, codes and tokens past their expiry.
  { name: 'oidc_models', purge: oidcStore.purgeExpired },
  // Webhook deliveries finished over 30 days ago, and those of deleted webhooks.
  { name: 'webhook_deliveries', purge: purgeDeliveries },
];

export function createHousekeeping(deps: { db: Kysely<Schema>; clock: Clock; logger: Logger }) {
  const { db, clock, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function runOnce(): Promise<Record<string, number>> {
    const now = clock.now();
    const deleted: Record<string, number> = {};
    for (const task of tasks) deleted[task.name] = await task.purge(db, now);
    return deleted;
  }

  return {
    runOnce,
    start(): void {
      timer = setInterval(() => {
        running ??= runOnce()
          .then((deleted) => logger.debug({ deleted }, 'housekeeping'))
          .catch((error: unknown) => logger.warn({ err: error }, 'housekeeping failed; retrying at the next interval'))
          .finally(() => (running = undefined));
      }, HOUSEKEEPING_INTERVAL_MS);
      timer.unref();
    },
    /** Stops the timer and waits for a purge in progress. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}

export type Housekeeping = ReturnType<typeof createHousekeeping>;
