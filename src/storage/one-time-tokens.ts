import type { Kysely } from 'kysely';
import { readJson, writeJson } from './codec.ts';
import { prepared } from './prepared.ts';
import type { Schema } from './schema.ts';

/**
 * Single-use secrets stored only as hashes, for the verification and reset links and codes of
 * later features. `consumeOne` is the atomic primitive: one conditional UPDATE ... RETURNING, so
 * under any concurrency exactly one caller gets the row.
 */
export interface OneTimeToken<P = Record<string, unknown>> {
  tokenHash: string;
  realmId: string;
  type: string;
  subject: string;
  payload: P | null;
  createdAt: number;
  expiresAt: number;
  consumedAt: number | null;
}

export interface IssueToken {
  tokenHash: string;
  realmId: string;
  type: string;
  subject: string;
  payload?: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

function toToken<P>(row: Schema['one_time_tokens']): OneTimeToken<P> {
  return {
    tokenHash: row.token_hash,
    realmId: row.realm_id,
    type: row.type,
    subject: row.subject,
    payload: row.payload === null ? null : readJson<P>(row.payload),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
  };
}

// One conditional UPDATE ... RETURNING: the database lets exactly one caller match the row.
const consume = prepared((db, now: number, tokenHash: string, realmId: string, type: string) =>
  db
    .updateTable('one_time_tokens')
    .set({ consumed_at: now })
    .where('token_hash', '=', tokenHash)
    .where('realm_id', '=', realmId)
    .where('type', '=', type)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll(),
);

const findToken = prepared((db, tokenHash: string, realmId: string, type: string) =>
  db.selectFrom('one_time_tokens').selectAll().where('token_hash', '=', tokenHash).where('realm_id', '=', realmId).where('type', '=', type),
);

export const oneTimeTokens = {
  async issue(db: Kysely<Schema>, token: IssueToken): Promise<void> {
    await db
      .insertInto('one_time_tokens')
      .values({
        token_hash: token.tokenHash,
        realm_id: token.realmId,
        type: token.type,
        subject: token.subject,
        payload: token.payload ? writeJson(token.payload) : null,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        consumed_at: null,
      })
      .execute();
  },

  /**
   * Records a value seen once (already used up, kept until it expires): false when it was recorded
   * before. One insert that does nothing on a conflict, so of two at once exactly one is first.
   */
  async recordOnce(db: Kysely<Schema>, token: Omit<IssueToken, 'payload'>): Promise<boolean> {
    const inserted = await db
      .insertInto('one_time_tokens')
      .values({ token_hash: token.tokenHash, realm_id: token.realmId, type: token.type, subject: token.subject, payload: null, created_at: token.createdAt, expires_at: token.expiresAt, consumed_at: token.createdAt })
      .onConflict((conflict) => conflict.column('token_hash').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  /** Marks the token used and returns it, or undefined if it is unknown, used, expired or typed otherwise. */
  async consumeOne<P>(db: Kysely<Schema>, realmId: string, type: string, tokenHash: string, now: number): Promise<OneTimeToken<P> | undefined> {
    const [row] = await consume(db, now, tokenHash, realmId, type);
    return row ? toToken<P>(row) : undefined;
  },

  /** Looks a token up without consuming it (reuse detection, validity checks). */
  async find<P>(db: Kysely<Schema>, realmId: string, type: string, tokenHash: string): Promise<OneTimeToken<P> | undefined> {
    const [row] = await findToken(db, tokenHash, realmId, type);
    return row ? toToken<P>(row) : undefined;
  },

  /** Ends the subject's live tokens of one type (a newer one replaces them). */
  async retireForSubject(db: Kysely<Schema>, realmId: string, type: string, subject: string, now: number): Promise<void> {
    await db
      .updateTable('one_time_tokens')
      .set({ consumed_at: now })
      .where('realm_id', '=', realmId)
      .where('subject', '=', subject)
      .where('type', '=', type)
      .where('consumed_at', 'is', null)
      .execute();
  },

  async deleteForSubject(db: Kysely<Schema>, realmId: string, subject: string): Promise<void> {
    await db.deleteFrom('one_time_tokens').where('realm_id', '=', realmId).where('subject', '=', subject).execute();
  },

  /** Housekeeping: drops tokens that can no longer be used by anyone or detect anything. */
  async purgeExpired(db: Kysely<Schema>, before: number): Promise<number> {
    const result = await db.deleteFrom('one_time_tokens').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
