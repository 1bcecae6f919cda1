import type { TokenSubject } from '../contracts.ts';
import type { Access } from '../realms/realm.ts';
import { readBool, readJson } from '../storage/codec.ts';
import { prepared } from '../storage/prepared.ts';
import type { UserRow } from '../storage/schema.ts';
import { liveUsers } from './user-rows.ts';

/** The columns an access token is made from (a refresh reads them with its rotation on PostgreSQL: src/tokens/refresh-tokens.ts). */
export const TOKEN_SUBJECT_COLUMNS = ['id', 'email', 'email_verified', 'username', 'display_name', 'custom', 'access', 'access_token_minutes', 'state', 'locked'] as const;

export type TokenSubjectRow = Pick<UserRow, (typeof TOKEN_SUBJECT_COLUMNS)[number]>;

export function toTokenSubject(row: TokenSubjectRow): TokenSubject {
  return {
    id: row.id,
    email: row.email,
    email_verified: readBool(row.email_verified),
    username: row.username,
    display_name: row.display_name,
    custom: readJson<Record<string, unknown>>(row.custom),
    access: row.access === null ? null : readJson<Access>(row.access),
    access_token_minutes: row.access_token_minutes,
    state: row.state as TokenSubject['state'],
    locked: readBool(row.locked),
  };
}

export const findTokenSubjectRow = prepared((db, realmId: string, userId: string) =>
  liveUsers(db, realmId).clearSelect().select(TOKEN_SUBJECT_COLUMNS).where('id', '=', userId),
);
