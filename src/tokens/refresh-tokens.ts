import { createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { systemActor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { constantTimeEqual, hashToken } from '../platform/opaque-tokens.ts';
import { sessionStore, type Session } from '../sessions/session-store.ts';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * Refresh tokens: `krt_<session id>.<generation>.<secret>.<mac>`, with a 256-bit random secret. The
 * session row holds only the SHA-256 of its one current token and that token's generation; each use
 * moves both on in one conditional UPDATE, so of concurrent users of one token exactly one wins.
 *
 * The mac (HMAC-SHA256 under a key derived from the master key) binds realm, session, generation
 * and secret: it lets the server recognise a genuine token of an earlier generation — a spent one,
 * so two parties hold the session and it ends — without keeping old hashes, and it stops anyone
 * who merely knows a session id (access tokens carry it) from forging "reuse" to end the session.
 */
const SHAPE = /^krt_(ses_[A-Za-z0-9]{22})\.(0|[1-9][0-9]{0,8})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/** The key refresh-token macs are made with; never the master key itself. */
export function refreshTokenMacKey(masterKey: Buffer): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, '', 'keyrealm refresh token mac', 32)));
}

/** A genuine token (its mac checks out), parsed: it was issued by this server for this realm. */
export interface PresentedRefreshToken {
  sessionId: string;
  generation: number;
  /** What the session row holds while this token is its current one. */
  hash: string;
}

export interface IssuedRefreshToken {
  token: string;
  hash: string;
}

export type Rotation = { kind: 'rotated'; session: Session; next: IssuedRefreshToken } | { kind: 'spent' } | { kind: 'refused' };

// The whole rotation, check and use in one statement: the token must be the session's current
// one and the session live; its successor takes its place.
const rotateStatement = prepared(
  (db, nextGeneration: number, nextHash: string, now: number, realmId: string, sessionId: string, generation: number, presentedHash: string) =>
    db
      .updateTable('sessions')
      .set({ refresh_generation: nextGeneration, refresh_hash: nextHash, last_used_at: now })
      .where('realm_id', '=', realmId)
      .where('id', '=', sessionId)
      .where('refresh_generation', '=', generation)
      .where('refresh_hash', '=', presentedHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll(),
);

// Puts a presented token back in place of the successor that never reached its client.
const restoreStatement = prepared(
  (db, generation: number, presentedHash: string, realmId: string, sessionId: string, nextGeneration: number, nextHash: string) =>
    db
      .updateTable('sessions')
      .set({ refresh_generation: generation, refresh_hash: presentedHash })
      .where('realm_id', '=', realmId)
      .where('id', '=', sessionId)
      .where('refresh_generation', '=', nextGeneration)
      .where('refresh_hash', '=', nextHash),
);

export function createRefreshTokens(deps: { clock: Clock; events: EventLog; macKey: KeyObject }) {
  const { clock, events, macKey } = deps;
  const mac = (realmId: string, sessionId: string, generation: string, secret: string) =>
    createHmac('sha256', macKey).update(`${realmId}|${sessionId}|${generation}|${secret}`).digest('base64url');

  /** The token of `generation` for a session; the caller stores only `hash` and hands `token` out once. */
  function issue(realmId: string, sessionId: string, generation: number): IssuedRefreshToken {
    const secret = randomBytes(32).toString('base64url');
    const token = `krt_${sessionId}.${generation}.${secret}.${mac(realmId, sessionId, String(generation), secret)}`;
    return { token, hash: hashToken(token) };
  }

  /** A genuine token older than the session's current one: it was used before. */
  const isSpent = (session: Session, presented: PresentedRefreshToken) => session.refresh_generation > presented.generation;

  return {
    issue,
    isSpent,

    /** The token parsed, if it is well formed and genuinely this server's for this realm; nothing is read. */
    verify(realmId: string, token: string): PresentedRefreshToken | undefined {
      const match = SHAPE.exec(token);
      if (!match) return undefined;
      const [, sessionId, generation, secret, presentedMac] = match;
      if (!constantTimeEqual(presentedMac, mac(realmId, sessionId, generation, secret))) return undefined;
      return { sessionId, generation: Number(generation), hash: hashToken(token) };
    },

    /** The current token of this session's generation, as opposed to one already used or not this session's. */
    isCurrent(session: Session, presented: PresentedRefreshToken): boolean {
      return session.refresh_generation === presented.generation && session.refresh_hash !== null && constantTimeEqual(session.refresh_hash, presented.hash);
    },

    /**
     * Uses the token: one autocommit statement. `rotated` hands back the session and the successor
     * token; `spent` means the token was used before (the caller ends the session, see `revokeForReuse`);
     * `refused`, that the session ended, was never this realm's, or its token is not this one.
     */
    async rotate(db: Kysely<Schema>, realmId: string, presented: PresentedRefreshToken): Promise<Rotation> {
      const now = clock.now();
      const next = issue(realmId, presented.sessionId, presented.generation + 1);
      const [row] = await rotateStatement(db, presented.generation + 1, next.hash, now, realmId, presented.sessionId, presented.generation, presented.hash);
      if (row) return { kind: 'rotated', session: row, next };
      // Refused: tell a spent token (reuse) from a session that ended or never was.
      const session = await sessionStore.find(db, realmId, presented.sessionId);
      return session && isSpent(session, presented) ? { kind: 'spent' } : { kind: 'refused' };
    },

    /**
     * Undoes a rotation whose successor never reached the client (the refresh failed after it), so
     * that retrying with the presented token is not taken for reuse. A no-op once the session moved on.
     */
    async restore(db: Kysely<Schema>, realmId: string, presented: PresentedRefreshToken, next: IssuedRefreshToken): Promise<void> {
      await restoreStatement(db, presented.generation, presented.hash, realmId, presented.sessionId, presented.generation + 1, next.hash);
    },

    /** Ends the session a spent token was presented for and records `session.refresh_reused`, together. */
    async revokeForReuse(db: Kysely<Schema>, realmId: string, sessionId: string, origin: RequestOrigin): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const session = await sessionStore.find(trx, realmId, sessionId);
        const revoked = await sessionStore.revoke(trx, realmId, sessionId, 'refresh_reuse', clock.now());
        await events.record(trx, {
          realmId,
          type: 'session.refresh_reused',
          actor: systemActor,
          userId: session?.user_id ?? null,
          origin,
          details: { session_id: sessionId, session_revoked: revoked },
        });
      });
    },
  };
}

export type RefreshTokens = ReturnType<typeof createRefreshTokens>;
