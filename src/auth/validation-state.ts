import type { Kysely } from 'kysely';
import type { Access } from '../realms/realm.ts';
import { readBool, readJson } from '../storage/codec.ts';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * What validate must know beyond the token itself — may the user still authenticate, with what
 * access override, and is the session live — read in one statement. Validate runs on every API
 * call of every client, so it reads only these columns, compiled once.
 */
export interface ValidationState {
  state: 'active' | 'inactive';
  locked: boolean;
  access: Access | null;
  access_token_minutes: number | null;
  /** The session named by the token, when it names one in this realm. */
  session: { user_id: string; expires_at: number; revoked_at: number | null } | null;
}

const readState = prepared((db, sessionId: string, realmId: string, userId: string) =>
  db
    .selectFrom('users')
    .leftJoin('sessions', (join) => join.onRef('sessions.realm_id', '=', 'users.realm_id').on('sessions.id', '=', sessionId))
    .select([
      'users.state',
      'users.locked',
      'users.access',
      'users.access_token_minutes',
      'sessions.user_id as session_user_id',
      'sessions.expires_at as session_expires_at',
      'sessions.revoked_at as session_revoked_at',
    ])
    .where('users.realm_id', '=', realmId)
    .where('users.id', '=', userId)
    .where('users.deleted_at', 'is', null),
);

/** The user's and session's state, or undefined when the user does not exist (or was deleted). */
export async function readValidationState(
  db: Kysely<Schema>,
  realmId: string,
  userId: string,
  sessionId: string | null,
): Promise<ValidationState | undefined> {
  // An empty id matches no session: tokens of unmanaged realms name none.
  const [row] = await readState(db, sessionId ?? '', realmId, userId);
  if (!row) return undefined;
  return {
    state: row.state as ValidationState['state'],
    locked: readBool(row.locked),
    access: row.access === null ? null : readJson<Access>(row.access),
    access_token_minutes: row.access_token_minutes,
    session:
      row.session_user_id === null || row.session_expires_at === null
        ? null
        : { user_id: row.session_user_id, expires_at: Number(row.session_expires_at), revoked_at: row.session_revoked_at },
  };
}
