import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Actor, EventLog } from '../events/event-log.ts';
import type { Schema } from '../storage/schema.ts';
import { realmStore } from './realm-store.ts';

/**
 * Clearing a realm's content in the background. Rows go in batches of at most RESET_BATCH, each
 * its own short statement, with the event loop given back between batches: a reset of a large
 * realm never holds the database (or SQLite's single connection) for long, so other realms keep
 * working while it runs.
 */
export interface ResetOptions {
  /** Delete the realm's users (their tags, versions, sessions, messages and consents go with them; applications stay). */
  users: boolean;
  /** Delete the realm's event log. */
  events: boolean;
}

export const RESET_BATCH = 500;

type RealmTable = 'sessions' | 'oidc_models' | 'one_time_tokens' | 'login_failures' | 'messages' | 'user_tags' | 'user_versions' | 'application_consents' | 'users' | 'events';

/** Each table's key, to pick one batch of its rows. */
const keyOf: Record<RealmTable, string[]> = {
  sessions: ['id'],
  oidc_models: ['realm_id', 'model', 'id'],
  one_time_tokens: ['token_hash'],
  login_failures: ['realm_id', 'subject'],
  messages: ['id'],
  user_tags: ['user_id', 'tag'],
  user_versions: ['user_id', 'version'],
  application_consents: ['realm_id', 'application_id', 'user_id'],
  users: ['id'],
  events: ['id'],
};

const keyColumns = (table: RealmTable) => sql.join(keyOf[table].map((column) => sql.ref(column)));

/** The keys of one batch of the realm's rows, found through an index that starts with the realm id. */
function batchOf(table: RealmTable, realmId: string) {
  if (table === 'user_versions') {
    // user_versions has no realm index: reach its rows through the realm's users and its primary key.
    return sql`select v.user_id, v.version from user_versions v join users u on u.id = v.user_id
      where u.realm_id = ${realmId} and v.realm_id = ${realmId} limit ${RESET_BATCH}`;
  }
  return sql`select ${keyColumns(table)} from ${sql.table(table)} where realm_id = ${realmId} limit ${RESET_BATCH}`;
}

async function deleteAll(db: Kysely<Schema>, table: RealmTable, realmId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`delete from ${sql.table(table)} where (${keyColumns(table)}) in (${batchOf(table, realmId)})`.execute(db);
    const deleted = Number(result.numAffectedRows ?? 0);
    total += deleted;
    if (deleted < RESET_BATCH) return total;
    await yieldToOthers();
  }
}

export async function resetRealmContent(
  deps: { db: Kysely<Schema>; events: EventLog },
  realmId: string,
  options: ResetOptions,
  actor: Actor,
  /** Called once the sessions (and users) are gone, before the slower rest: their tokens can stop now. */
  signedOut: () => Promise<void> = async () => {},
): Promise<void> {
  const { db, events } = deps;
  // Sessions first, so everyone is signed out early; refresh tokens are one-time tokens.
  const deleted: Record<string, number> = {
    sessions: await deleteAll(db, 'sessions', realmId),
    // OpenID Connect sessions, grants and tokens end with the realm's sessions.
    oidc_models: await deleteAll(db, 'oidc_models', realmId),
    one_time_tokens: await deleteAll(db, 'one_time_tokens', realmId),
    login_failures: await deleteAll(db, 'login_failures', realmId),
  };
  if (options.users) {
    for (const table of ['messages', 'user_tags', 'user_versions', 'application_consents', 'users'] as const) deleted[table] = await deleteAll(db, table, realmId);
  }
  await signedOut();
  if (options.events) deleted.events = await deleteAll(db, 'events', realmId);
  await db.transaction().execute(async (trx) => {
    // The realm may have been deleted meanwhile; then there is no log left to write to.
    if (!(await realmStore.find(trx, realmId))) return;
    await events.record(trx, { realmId, type: 'realm.reset', actor, details: { users: options.users, events: options.events, deleted } });
  });
}
