import { randomBytes } from 'node:crypto';
import { createEventLog } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createSecretBox, type SecretBox } from '../../src/platform/secret-box.ts';
import { createKeyRing } from '../../src/realms/key-ring.ts';
import { createRealmLookup } from '../../src/realms/realm-lookup.ts';
import { createRealmService } from '../../src/realms/realm-service.ts';
import type { DialectName } from '../../src/storage/database.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { insertUser as insertUserRow } from '../support/fixtures.ts';

/** A realm service over a fresh test database, with a fake clock and the pieces tests inspect. */
export interface RealmFixture {
  t: TestDatabase;
  clock: FakeClock;
  keys: ReturnType<typeof createKeyRing>;
  lookup: ReturnType<typeof createRealmLookup>;
  realms: ReturnType<typeof createRealmService>;
  events: ReturnType<typeof createEventLog>;
  secretBox: SecretBox;
  backgroundErrors: unknown[];
  dispose(): Promise<void>;
}

export async function realmFixture(dialect: DialectName, { maxRealms = 100 } = {}): Promise<RealmFixture> {
  const t = await createTestDatabase(dialect);
  const db = t.database.db;
  const clock = new FakeClock();
  const secretBox = createSecretBox(randomBytes(32));
  const keys = createKeyRing({ db, clock, secretBox });
  const lookup = createRealmLookup(db, clock);
  const events = createEventLog(clock);
  const backgroundErrors: unknown[] = [];
  const realms = createRealmService({
    db,
    dialect,
    clock,
    events,
    keys,
    lookup,
    maxRealms,
    onBackgroundError: (error) => backgroundErrors.push(error),
  });
  return { t, clock, keys, lookup, realms, events, secretBox, backgroundErrors, dispose: () => t.dispose() };
}

/** A realm service of another server instance over the same database (its own caches). */
export function secondInstance(f: RealmFixture, dialect: DialectName, maxRealms = 100) {
  const db = f.t.database.db;
  return createRealmService({
    db,
    dialect,
    clock: f.clock,
    events: f.events,
    keys: createKeyRing({ db, clock: f.clock, secretBox: f.secretBox }),
    lookup: createRealmLookup(db, f.clock),
    maxRealms,
    onBackgroundError: (error) => f.backgroundErrors.push(error),
  });
}

/** Inserts a live user row directly (the user service belongs to another module). */
export function insertUser(f: RealmFixture, realmId: string, email: string | null = null): Promise<string> {
  return insertUserRow(f.t.database.db, realmId, f.clock.now(), email);
}

/** Rows of a realm-scoped table, counted. */
export async function countRows(f: RealmFixture, table: 'users' | 'sessions' | 'events' | 'signing_keys' | 'one_time_tokens' | 'user_tags' | 'login_failures' | 'messages', realmId: string): Promise<number> {
  const row = await f.t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('realm_id', '=', realmId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
