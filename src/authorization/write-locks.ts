import { PostgresAdapter, type Kysely } from 'kysely';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';

/**
 * The order in which authorization writes lock rows, so concurrent changes queue instead of
 * deadlocking (PostgreSQL; SQLite has a single writer and nothing to order):
 *
 * 1. the user's row, when the change is about one user (a role assignment, a membership): a user
 *    deleted meanwhile is then either gone before the check or deleted after the write, never
 *    left with an orphan row;
 * 2. the realm's row: exclusively (`FOR UPDATE`) for changes to the realm's roles and tenants
 *    (role-service.ts, tenant-service.ts), shared (`FOR KEY SHARE`) for one user's, which then wait
 *    for a role or tenant being deleted instead of holding its row while the delete waits for theirs;
 * 3. the rows written.
 */
export async function lockUserThenRealm(trx: Kysely<Schema>, realmId: string, userId: string): Promise<boolean> {
  const user = await userStore.findForChange(trx, realmId, userId);
  if (!user) return false;
  await lockRealmShared(trx, realmId);
  return true;
}

/**
 * Step 2 for a change about one user whose row the caller already holds (a user's deletion, which
 * then removes their assignments and memberships: a tenant or role being deleted meanwhile either
 * finishes first or waits). A sign-in creating its session takes it before the user's row
 * (src/auth/sign-in-tokens.ts): realm changes lock the realm and then write its users, and two
 * shared locks on the realm never wait for each other, so either order is safe with the others.
 */
export async function lockRealmShared(trx: Kysely<Schema>, realmId: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.selectFrom('realms').select('id').where('id', '=', realmId).forKeyShare().execute();
  }
}
