import type { Kysely } from 'kysely';
import type { Event, EventLog } from '../events/event-log.ts';
import type { EventType } from '../events/event-types.ts';
import type { Clock } from '../platform/clock.ts';
import { readBool } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * What a realm looks like at a glance (GET /admin/v1/realms/{realm}/overview): its users by state
 * and lock, today's sign-ins, and the newest events. Every figure is one COUNT over an index, so
 * the answer costs the same in a realm of 100,000 users and millions of events:
 * `users_counts` (migration 025) for the users, `events_realm_type` (realm, type, at) for the
 * sign-ins, `events_realm_at` for the newest events.
 */

/**
 * Sign-ins are counted by event type, not code: a type spans every method's code (1350, 1352–1356,
 * 1322 for a sign-in through an identity provider), and (realm, type, at) is indexed where the
 * code is not. `oidc.authorized` is not a sign-in (an application got a code for a session that
 * already signed in), nor are step-ups and second-factor checks of users already signed in.
 */
export const SIGN_IN_SUCCEEDED: readonly EventType[] = ['user.login.succeeded'];

/**
 * A refused sign-in step of any method (1200, 1202–1209), and a sign-in through an identity
 * provider that failed after the browser left for it (1225). `user.login.token_failed` (1351) is
 * left out: the credentials were right and the fault was the server's, not the person's.
 */
export const SIGN_IN_FAILED: readonly EventType[] = ['user.login.failed', 'identity_provider.sign_in_failed'];

const DAY_MS = 86_400_000;
const NEWEST_EVENTS = 10;

export interface RealmOverview {
  /** Live (not deleted) users: `active + inactive = total`; `locked` counts locked users of either state. */
  users: { total: number; active: number; inactive: number; locked: number };
  /** Since 00:00 UTC today by the server's clock. */
  sign_ins: { today: number; failed_today: number };
  /** The realm's newest events, newest first, as the event list gives them. */
  last_events: Event[];
}

export function createRealmOverview(deps: { db: Kysely<Schema>; clock: Clock; events: Pick<EventLog, 'list'> }) {
  const { db, clock, events } = deps;

  async function userCounts(realmId: string): Promise<RealmOverview['users']> {
    // Grouped rather than four counts: one pass over the realm's entries in users_counts.
    const rows = await db
      .selectFrom('users')
      .select((eb) => ['state', 'locked', eb.fn.countAll<number | string>().as('n')])
      .where('realm_id', '=', realmId)
      .where('deleted_at', 'is', null)
      .groupBy(['state', 'locked'])
      .execute();
    const counts = { total: 0, active: 0, inactive: 0, locked: 0 };
    for (const row of rows) {
      const n = Number(row.n);
      counts.total += n;
      if (row.state === 'active') counts.active += n;
      if (row.state === 'inactive') counts.inactive += n;
      if (readBool(row.locked)) counts.locked += n;
    }
    return counts;
  }

  async function countSince(realmId: string, types: readonly EventType[], since: number): Promise<number> {
    const row = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('realm_id', '=', realmId)
      .where('type', 'in', types)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    async of(realmId: string): Promise<RealmOverview> {
      const now = clock.now();
      const startOfDay = now - (now % DAY_MS);
      const [users, today, failedToday, newest] = await Promise.all([
        userCounts(realmId),
        countSince(realmId, SIGN_IN_SUCCEEDED, startOfDay),
        countSince(realmId, SIGN_IN_FAILED, startOfDay),
        events.list(db, realmId, {}, { limit: NEWEST_EVENTS }),
      ]);
      return { users, sign_ins: { today, failed_today: failedToday }, last_events: newest.items };
    },
  };
}

export type RealmOverviewService = ReturnType<typeof createRealmOverview>;
