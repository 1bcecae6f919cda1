import type { Kysely } from 'kysely';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';

/**
 * The order in which writes lock rows, so concurrent changes queue instead of deadlocking
 * (PostgreSQL; SQLite has a single writer and nothing to order):
 *
 * 1. the realm's row: exclusively (`FOR UPDATE`) for changes to the realm itself (its settings, its
 *    deletion) and to its roles and tenants (role-service.ts, tenant-service.ts), shared
 *    (`FOR KEY SHARE`) for a change about one user (a role assignment, a membership, any change
 *    through userStore.findForChange) and a sign-in's session (userStore.recordSignIn). Realm
 *    changes go on to write the realm's users (a deletion cascades to them): a change holding a
 *    user's row while it waited for the realm (its event's foreign key) deadlocked with them (found
 *    by review: 40P01, a realm's deletion cancelled). Shared locks never wait for each other;
 * 2. the user's row, when the change is about one user: a user deleted meanwhile is then either
 *    gone before the check or deleted after the write, never left with an orphan row;
 * 3. the rows written.
 */
export async function lockForUserChange(trx: Kysely<Schema>, realmId: string, userId: string): Promise<boolean> {
  // Steps 1 and 2: findForChange holds the realm's row, then the user's.
  return (await userStore.findForChange(trx, realmId, userId)) !== undefined;
}
