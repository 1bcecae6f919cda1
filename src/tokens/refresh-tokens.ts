import { createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { PostgresAdapter, type Kysely, type QueryCreator } from 'kysely';
import type { TokenSubject } from '../contracts.ts';
import { systemActor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { constantTimeEqual, hashToken } from '../platform/opaque-tokens.ts';
import { isLive, SESSION_COLUMNS, sessionStore, type Session } from '../sessions/session-store.ts';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';
import { TOKEN_SUBJECT_COLUMNS, toTokenSubject, type TokenSubjectRow } from '../users/token-subject.ts';

/**
 * Refresh tokens: `krt_<session id>.<generation>.<secret>.<mac>`, with a 256-bit secret. The
 * session row holds only the SHA-256 of its one current token and that token's generation; each use
 * moves both on in one conditional UPDATE, so of concurrent users of one token exactly one wins.
 *
 * The mac (HMAC-SHA256 under a key derived from the master key) binds realm, session, generation
 * and secret: it lets the server recognise a genuine token of an earlier generation — a spent one,
 * so two parties hold the session and it ends — without keeping old hashes, and it stops anyone
 * who merely knows a session id (access tokens carry it) from forging "reuse" to end the session.
 *
 * A first token's secret is random; each successor's is derived from its predecessor's secret (a
 * keyed MAC under another derived key). So a spent token presented again shortly after its
 * refresh — a double submit, two tabs — can be answered with the very successor the first request
 * got, recomputed rather than stored: the row still holds only the current token's hash, plus when
 * it was rotated. Within the realm's `tokens.refresh_reuse_interval_seconds` such a retry is served,
 * but only from the origin (IP and User-Agent) of the request that rotated: a thief who replays the
 * just-spent token from elsewhere, right after watching the holder refresh, is reuse and the session
 * ends. After the interval, or for any older token, reuse ends the session as before.
 *
 * The interval is compared against `refresh_rotated_at`, written with the clock of whichever instance
 * rotated: instances must keep their clocks NTP-synchronised, or skew lengthens (or shortens) it.
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
  /** Kept in memory only, to derive the successor; never stored or logged. */
  secret: string;
}

export interface IssuedRefreshToken {
  token: string;
  hash: string;
}

/**
 * `rotated`: the token was current and `next` replaced it; on PostgreSQL with the session's live user
 * read in the same statement (`subject`, null when there is none), elsewhere without (`subject` absent). `retried`: the token was replaced by
 * `next` moments ago (within the grace), which is answered again, unchanged. `spent`: reuse.
 * `refused`: the session ended, was never this realm's, or its token is not this one.
 */
export type Rotation =
  | { kind: 'rotated'; session: Session; next: IssuedRefreshToken; subject?: TokenSubject | null }
  | { kind: 'retried'; session: Session; next: IssuedRefreshToken }
  | { kind: 'spent' }
  | { kind: 'refused' };

/**
 * What a genuine token is to its session: `retry` is the token just before the current one, within
 * the grace and from the origin that replaced it.
 */
export type TokenStanding = 'current' | 'retry' | 'spent' | 'other';

/** The whole rotation, check and use in one statement: the token must be the session's current one and the session live; its successor takes its place. */
function rotation(
  db: QueryCreator<Schema>,
  nextGeneration: number,
  nextHash: string,
  now: number,
  originHash: string,
  realmId: string,
  sessionId: string,
  generation: number,
  presentedHash: string,
) {
  return db
    .updateTable('sessions')
    .set({ refresh_generation: nextGeneration, refresh_hash: nextHash, last_used_at: now, refresh_rotated_at: now, refresh_origin_hash: originHash })
    .where('realm_id', '=', realmId)
    .where('id', '=', sessionId)
    .where('refresh_generation', '=', generation)
    .where('refresh_hash', '=', presentedHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now);
}

type RotationArguments = Parameters<typeof rotation> extends [unknown, ...infer Rest] ? Rest : never;

const rotateStatement = prepared((db, ...args: RotationArguments) => rotation(db, ...args).returning(SESSION_COLUMNS));

/**
 * PostgreSQL: the rotation and the read of the session's live user, which the new access token is
 * made from, in one statement: one round trip and one statement's work instead of two. SQLite has
 * no data-modifying WITH; there the user is read after, in process, with no round trip to save.
 */
const rotateReadingSubject = prepared((db, ...args: RotationArguments) =>
  db
    .with('rotated', (creator) => rotation(creator, ...args).returning(SESSION_COLUMNS))
    .selectFrom('rotated')
    .leftJoin('users', (join) => join.onRef('users.realm_id', '=', 'rotated.realm_id').onRef('users.id', '=', 'rotated.user_id').on('users.deleted_at', 'is', null))
    .select(SESSION_COLUMNS.map((column) => `rotated.${column}` as const))
    .select((eb) => TOKEN_SUBJECT_COLUMNS.map((column) => eb.ref(`users.${column}`).as(`subject_${column}`))),
);

/** A row of `rotateReadingSubject` as the session and its user (null: none live). */
function rotatedWithSubject(row: Record<string, unknown>): { session: Session; subject: TokenSubject | null } {
  const session = Object.fromEntries(SESSION_COLUMNS.map((column) => [column, row[column]])) as unknown as Session;
  if (row.subject_id === null) return { session, subject: null };
  const subject = Object.fromEntries(TOKEN_SUBJECT_COLUMNS.map((column) => [column, row[`subject_${column}`]])) as unknown as TokenSubjectRow;
  return { session, subject: toTokenSubject(subject) };
}

// Puts a presented token back in place of the successor that never reached its client. The rotation
// is forgotten with it: the token before the presented one was spent long ago, not just now.
const restoreStatement = prepared(
  (db, generation: number, presentedHash: string, realmId: string, sessionId: string, nextGeneration: number, nextHash: string) =>
    db
      .updateTable('sessions')
      .set({ refresh_generation: generation, refresh_hash: presentedHash, refresh_rotated_at: null, refresh_origin_hash: null })
      .where('realm_id', '=', realmId)
      .where('id', '=', sessionId)
      .where('refresh_generation', '=', nextGeneration)
      .where('refresh_hash', '=', nextHash),
);

export function createRefreshTokens(deps: { clock: Clock; events: EventLog; macKey: KeyObject }) {
  const { clock, events, macKey } = deps;
  // A key of its own for successors: a successor's secret must never equal a mac computed for some
  // other token, since macs are shown to whoever holds a token.
  const successorKey = createSecretKey(Buffer.from(hkdfSync('sha256', macKey, '', 'keyrealm refresh token successor', 32)));
  // Keyed, not a plain hash: the row must not let anyone who reads it test guesses of an IP address.
  const originKey = createSecretKey(Buffer.from(hkdfSync('sha256', macKey, '', 'keyrealm refresh token origin', 32)));
  const keyed = (key: KeyObject, realmId: string, sessionId: string, generation: string, secret: string) =>
    createHmac('sha256', key).update(`${realmId}|${sessionId}|${generation}|${secret}`).digest('base64url');

  function tokenOf(realmId: string, sessionId: string, generation: number, secret: string): IssuedRefreshToken {
    const token = `krt_${sessionId}.${generation}.${secret}.${keyed(macKey, realmId, sessionId, String(generation), secret)}`;
    return { token, hash: hashToken(token) };
  }

  /** The first token of a session; the caller stores only `hash` and hands `token` out once. */
  const issue = (realmId: string, sessionId: string): IssuedRefreshToken => tokenOf(realmId, sessionId, 0, randomBytes(32).toString('base64url'));

  /** The one token that replaces `presented`: the same every time it is asked for. */
  function successorOf(realmId: string, presented: PresentedRefreshToken): IssuedRefreshToken {
    const generation = presented.generation + 1;
    return tokenOf(realmId, presented.sessionId, generation, keyed(successorKey, realmId, presented.sessionId, String(generation), presented.secret));
  }

  /** Where a request came from, as the session row keeps it for the rotation it made. */
  const originHashOf = (realmId: string, sessionId: string, origin: RequestOrigin) =>
    createHmac('sha256', originKey).update(JSON.stringify([realmId, sessionId, origin.ip, origin.userAgent])).digest('base64url');

  /**
   * What `presented` is to `session`: its current token; the one just before it, rotated less than
   * `graceMs` ago by a request from `origin` (a retry); an older one, or the one just before from
   * another origin (spent: reuse); or none of these (a successor that `restore` took back, or a
   * token of this generation the session never held).
   */
  function standing(realmId: string, session: Session, presented: PresentedRefreshToken, graceMs: number, origin: RequestOrigin): TokenStanding {
    const current = session.refresh_hash;
    if (current === null || session.refresh_generation < presented.generation) return 'other';
    if (session.refresh_generation === presented.generation) return constantTimeEqual(current, presented.hash) ? 'current' : 'other';
    const rotatedAt = session.refresh_rotated_at === null ? null : Number(session.refresh_rotated_at);
    const justReplaced =
      session.refresh_generation === presented.generation + 1 &&
      rotatedAt !== null &&
      clock.now() < rotatedAt + graceMs &&
      session.refresh_origin_hash !== null &&
      constantTimeEqual(session.refresh_origin_hash, originHashOf(realmId, session.id, origin)) &&
      constantTimeEqual(current, successorOf(realmId, presented).hash);
    return justReplaced ? 'retry' : 'spent';
  }

  return {
    issue,
    standing,

    /** The token parsed, if it is well formed and genuinely this server's for this realm; nothing is read. */
    verify(realmId: string, token: string): PresentedRefreshToken | undefined {
      const match = SHAPE.exec(token);
      if (!match) return undefined;
      const [, sessionId, generation, secret, presentedMac] = match;
      if (!constantTimeEqual(presentedMac, keyed(macKey, realmId, sessionId, generation, secret))) return undefined;
      return { sessionId, generation: Number(generation), hash: hashToken(token), secret };
    },

    /**
     * Uses the token: one autocommit statement when it is current (`rotated`). Otherwise the session
     * is read to tell a retry within `graceMs` from the rotating origin (`retried`, the same
     * successor again; the session row is left as it is, the event `session.refresh_retried`
     * records the retry and its origin) from reuse (`spent`: the caller ends the session, see
     * `revokeForReuse`) and from a session that ended or never was (`refused`).
     */
    async rotate(db: Kysely<Schema>, realmId: string, presented: PresentedRefreshToken, graceMs: number, origin: RequestOrigin): Promise<Rotation> {
      const now = clock.now();
      const next = successorOf(realmId, presented);
      const originHash = originHashOf(realmId, presented.sessionId, origin);
      const args: RotationArguments = [presented.generation + 1, next.hash, now, originHash, realmId, presented.sessionId, presented.generation, presented.hash];
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        const [row] = await rotateReadingSubject(db, ...args);
        if (row) return { kind: 'rotated', next, ...rotatedWithSubject(row) };
      } else {
        const [row] = await rotateStatement(db, ...args);
        if (row) return { kind: 'rotated', session: row, next };
      }
      const session = await sessionStore.find(db, realmId, presented.sessionId);
      if (!session) return { kind: 'refused' };
      const found = standing(realmId, session, presented, graceMs, origin);
      if (found === 'spent') return { kind: 'spent' };
      // A retry is served only while the session lives; an ended one is refused like any other.
      if (found !== 'retry' || !isLive(session, now)) return { kind: 'refused' };
      await events.record(db, {
        realmId,
        type: 'session.refresh_retried',
        actor: { type: 'user', id: session.user_id },
        userId: session.user_id,
        origin,
        details: { session_id: session.id },
      });
      return { kind: 'retried', session, next };
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
