import type { Kysely } from 'kysely';
import { systemActor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { hashToken, newOpaqueToken } from '../platform/opaque-tokens.ts';
import { sessionStore, type Session } from '../sessions/session-store.ts';
import { oneTimeTokens } from '../storage/one-time-tokens.ts';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * Refresh tokens: opaque 256-bit secrets (`krt_…`), stored only as their SHA-256, bound to one
 * managed session and living as long as it. Each use consumes the token and a new one takes its
 * place; presenting a consumed token means two parties hold it, so the whole session ends.
 */
export const REFRESH_TOKEN_TYPE = 'refresh';
const PREFIX = 'krt';
const SHAPE = /^krt_[A-Za-z0-9_-]{43}$/;

export type RefreshUse =
  | { kind: 'rotated'; sessionId: string }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'invalid' };

export interface StoredRefreshToken {
  sessionId: string;
  consumed: boolean;
  expiresAt: number;
  /** The session it belongs to, read in the same statement; undefined once the session is gone. */
  session: Session | undefined;
}

// Refresh reads the token and its session together before deciding anything: one statement.
const findWithSession = prepared((db, tokenHash: string, realmId: string, type: string) =>
  db
    .selectFrom('one_time_tokens as t')
    .leftJoin('sessions as s', (join) => join.onRef('s.id', '=', 't.subject').onRef('s.realm_id', '=', 't.realm_id'))
    .select([
      't.subject',
      't.consumed_at',
      't.expires_at as token_expires_at',
      's.id',
      's.realm_id',
      's.user_id',
      's.created_at',
      's.last_used_at',
      's.expires_at',
      's.revoked_at',
      's.revoked_reason',
      's.ip',
      's.user_agent',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.realm_id', '=', realmId)
    .where('t.type', '=', type),
);

export function createRefreshTokens(deps: { clock: Clock; events: EventLog }) {
  const { clock, events } = deps;

  return {
    /** A new token for the session; the caller hands it to the client once and never keeps it. */
    async issue(db: Kysely<Schema>, session: Session): Promise<string> {
      const token = newOpaqueToken(PREFIX);
      await oneTimeTokens.issue(db, {
        tokenHash: hashToken(token),
        realmId: session.realm_id,
        type: REFRESH_TOKEN_TYPE,
        subject: session.id,
        createdAt: clock.now(),
        expiresAt: session.expires_at,
      });
      return token;
    },

    /** Looks a token up without using it. */
    async find(db: Kysely<Schema>, realmId: string, token: string): Promise<StoredRefreshToken | undefined> {
      if (!SHAPE.test(token)) return undefined;
      const [row] = await findWithSession(db, hashToken(token), realmId, REFRESH_TOKEN_TYPE);
      if (!row) return undefined;
      const { subject, consumed_at, token_expires_at, id, realm_id, user_id, created_at, last_used_at, expires_at, ...rest } = row;
      const session =
        id === null || realm_id === null || user_id === null || created_at === null || last_used_at === null || expires_at === null
          ? undefined
          : { id, realm_id, user_id, created_at, last_used_at, expires_at, ...rest };
      return { sessionId: subject, consumed: consumed_at !== null, expiresAt: token_expires_at, session };
    },

    /**
     * Uses a token up. Of any number of concurrent callers exactly one gets `rotated`; a token
     * already used is `reused`: the session is revoked and `session.refresh_reused` recorded on
     * `trx`, which the caller must commit before refusing the request.
     */
    async consume(trx: Kysely<Schema>, realmId: string, token: string, origin: RequestOrigin): Promise<RefreshUse> {
      if (!SHAPE.test(token)) return { kind: 'invalid' };
      const now = clock.now();
      const tokenHash = hashToken(token);
      const consumed = await oneTimeTokens.consumeOne(trx, realmId, REFRESH_TOKEN_TYPE, tokenHash, now);
      if (consumed) return { kind: 'rotated', sessionId: consumed.subject };
      const stored = await oneTimeTokens.find(trx, realmId, REFRESH_TOKEN_TYPE, tokenHash);
      if (!stored || stored.consumedAt === null) return { kind: 'invalid' };
      const session = await sessionStore.find(trx, realmId, stored.subject);
      const revoked = await sessionStore.revoke(trx, realmId, stored.subject, 'refresh_reuse', now);
      await events.record(trx, {
        realmId,
        type: 'session.refresh_reused',
        actor: systemActor,
        userId: session?.user_id ?? null,
        origin,
        details: { session_id: stored.subject, session_revoked: revoked },
      });
      return { kind: 'reused', sessionId: stored.subject };
    },
  };
}

export type RefreshTokens = ReturnType<typeof createRefreshTokens>;
