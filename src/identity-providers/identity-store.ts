import type { Kysely } from 'kysely';
import type { Schema, UserIdentityRow } from '../storage/schema.ts';

/**
 * The user_identities table: a user's accounts at the realm's identity providers, one per provider
 * and upstream subject (unique, so two sign-ins racing to link the same account leave one row).
 * Every call names the realm: another realm's identities are never read or changed.
 */
type Db = Kysely<Schema>;

export interface LinkedIdentity {
  id: string;
  userId: string;
  providerId: string;
  subject: string;
  email: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

const toIdentity = (row: UserIdentityRow): LinkedIdentity => ({
  id: row.id,
  userId: row.user_id,
  providerId: row.provider_id,
  subject: row.subject,
  email: row.email,
  createdAt: Number(row.created_at),
  lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
});

export const identityStore = {
  async findBySubject(db: Db, realmId: string, providerId: string, subject: string): Promise<LinkedIdentity | undefined> {
    const row = await db.selectFrom('user_identities').selectAll().where('realm_id', '=', realmId).where('provider_id', '=', providerId).where('subject', '=', subject).executeTakeFirst();
    return row ? toIdentity(row) : undefined;
  },

  async find(db: Db, realmId: string, id: string): Promise<LinkedIdentity | undefined> {
    const row = await db.selectFrom('user_identities').selectAll().where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
    return row ? toIdentity(row) : undefined;
  },

  /** A user's identities, oldest first (a user has a handful at most: no paging). */
  async listForUser(db: Db, realmId: string, userId: string): Promise<LinkedIdentity[]> {
    const rows = await db.selectFrom('user_identities').selectAll().where('realm_id', '=', realmId).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toIdentity);
  },

  async insert(db: Db, realmId: string, identity: LinkedIdentity): Promise<void> {
    await db
      .insertInto('user_identities')
      .values({
        realm_id: realmId,
        id: identity.id,
        user_id: identity.userId,
        provider_id: identity.providerId,
        subject: identity.subject,
        email: identity.email,
        created_at: identity.createdAt,
        last_used_at: identity.lastUsedAt,
      })
      .execute();
  },

  async touch(db: Db, realmId: string, id: string, email: string | null, at: number): Promise<void> {
    await db.updateTable('user_identities').set({ last_used_at: at, email }).where('realm_id', '=', realmId).where('id', '=', id).execute();
  },

  /** Removes one of the user's identities; false when there was none of that id for that user. */
  async remove(db: Db, realmId: string, userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('user_identities').where('realm_id', '=', realmId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
