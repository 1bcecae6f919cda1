import { PostgresAdapter, type Kysely } from 'kysely';
import { newId } from '../platform/ids.ts';
import { prepared, preparedInsert } from '../storage/prepared.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { Schema, SessionRow } from '../storage/schema.ts';

/**
 * A managed sign-in session: server-side, revocable, checked on every validate and refresh. Every
 * stored column is part of it (times in epoch ms), so the domain type is the row's.
 */
export type Session = SessionRow;

export type RevokeReason =
  | 'logout'
  | 'operator_logout'
  | 'password_changed'
  | 'password_reset'
  | 'password_set'
  | 'address_proven'
  | 'user_locked'
  | 'user_inactive'
  | 'user_deleted'
  | 'realm_inactive'
  | 'refresh_reuse'
  | 'identity_provider_disabled'
  | 'revoked';

export interface NewSession {
  /** A new `ses_` id unless the caller chose one (see `draftSession`). */
  id?: string;
  realmId: string;
  userId: string;
  now: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
  /** The hash of the session's first refresh token (generation 0); none when absent. */
  refreshHash?: string;
  /** How the user signed in; carried by every token the session's refreshes issue. */
  assurance?: Assurance;
  /** The tenant the user signed in to (src/authorization/tenant-*.ts); none when absent. */
  tenantId?: string | null;
}

/** How and when a user proved who they are: what tokens say in `auth_time`, `amr` and `acr`. */
export interface Assurance {
  /** Epoch ms. */
  authTime: number;
  amr: string[];
  acr: string;
  /** The sign-in methods proven (`password`, `totp`, …); absent for sessions from before they were kept. */
  methods?: string[];
  /** The identity provider the user signed in through (src/identity-providers); absent: none. */
  identityProviderId?: string;
}

/** The assurance a session records, if it records one (sessions from before flows do not). */
export function sessionAssurance(session: Pick<Session, 'auth_time' | 'amr' | 'acr' | 'factors'>): Assurance | undefined {
  if (session.auth_time === null || session.amr === null || session.acr === null) return undefined;
  const assurance: Assurance = { authTime: Number(session.auth_time), amr: JSON.parse(session.amr) as string[], acr: session.acr };
  return session.factors === null ? assurance : { ...assurance, methods: JSON.parse(session.factors) as string[] };
}

const toSession = (row: SessionRow): Session => ({ ...row });

/**
 * Every column of a session, named: statements that read whole sessions on hot paths name their
 * columns rather than `*`, so that PostgreSQL can keep them prepared across an upgrade that adds a
 * column (src/storage/named-statements.ts). One left out fails the type check where their rows
 * become sessions (`toSession`, `Rotation`).
 */
export const SESSION_COLUMNS = [
  'id', 'realm_id', 'user_id', 'created_at', 'last_used_at', 'expires_at', 'revoked_at', 'revoked_reason', 'ip', 'user_agent',
  'refresh_generation', 'refresh_hash', 'refresh_rotated_at', 'refresh_origin_hash', 'auth_time', 'amr', 'acr', 'factors',
  'tenant_id', 'tenant_since', 'identity_provider_id',
] as const satisfies readonly (keyof SessionRow)[];

const insertSession = preparedInsert('sessions', SESSION_COLUMNS);

// On refresh paths: telling a spent refresh token from an ended session, and logout by refresh token.
const findSession = prepared((db, realmId: string, sessionId: string) =>
  db.selectFrom('sessions').select(SESSION_COLUMNS).where('realm_id', '=', realmId).where('id', '=', sessionId),
);

export function isLive(session: Session, now: number): boolean {
  return session.revoked_at === null && session.expires_at > now;
}

/**
 * The session `create` stores for this input, not yet stored: with a chosen `id`, a caller can sign
 * a token for the session before the transaction that creates it.
 */
export function draftSession(input: NewSession): Session {
  return {
    id: input.id ?? newId('ses'),
    realm_id: input.realmId,
    user_id: input.userId,
    created_at: input.now,
    last_used_at: input.now,
    expires_at: input.expiresAt,
    revoked_at: null,
    revoked_reason: null,
    ip: input.ip,
    user_agent: input.userAgent,
    refresh_generation: 0,
    refresh_hash: input.refreshHash ?? null,
    refresh_rotated_at: null,
    refresh_origin_hash: null,
    auth_time: input.assurance?.authTime ?? null,
    amr: input.assurance ? JSON.stringify(input.assurance.amr) : null,
    acr: input.assurance?.acr ?? null,
    factors: input.assurance?.methods ? JSON.stringify(input.assurance.methods) : null,
    tenant_id: input.tenantId ?? null,
    tenant_since: null,
    identity_provider_id: input.assurance?.identityProviderId ?? null,
  };
}

/** Every call takes the realm id: a session of another realm is never found or changed. */
export const sessionStore = {
  async create(db: Kysely<Schema>, input: NewSession): Promise<Session> {
    const session = draftSession(input);
    await insertSession(db, session);
    return session;
  },

  async find(db: Kysely<Schema>, realmId: string, sessionId: string): Promise<Session | undefined> {
    const [row] = await findSession(db, realmId, sessionId);
    return row ? toSession(row) : undefined;
  },

  /**
   * The session, its row locked until the transaction `trx` ends (SQLite's transactions take turns
   * anyway): what is decided from it cannot be overwritten by a concurrent change meanwhile.
   */
  async findForChange(trx: Kysely<Schema>, realmId: string, sessionId: string): Promise<Session | undefined> {
    const query = trx.selectFrom('sessions').select(SESSION_COLUMNS).where('realm_id', '=', realmId).where('id', '=', sessionId);
    const row = await (trx.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query).executeTakeFirst();
    return row ? toSession(row) : undefined;
  },

  /** The tenant the session is in from now on (a refresh switched it). */
  async setTenant(db: Kysely<Schema>, realmId: string, sessionId: string, tenantId: string | null, at: number): Promise<void> {
    await db.updateTable('sessions').set({ tenant_id: tenantId, tenant_since: at }).where('realm_id', '=', realmId).where('id', '=', sessionId).execute();
  },

  /** Records a step-up on a live session: its tokens carry the new assurance from now on. */
  async raiseAssurance(db: Kysely<Schema>, realmId: string, sessionId: string, assurance: Assurance, now: number): Promise<Session | undefined> {
    const [row] = await db
      .updateTable('sessions')
      .set({
        auth_time: assurance.authTime,
        amr: JSON.stringify(assurance.amr),
        acr: assurance.acr,
        ...(assurance.methods ? { factors: JSON.stringify(assurance.methods) } : {}),
        last_used_at: now,
      })
      .where('realm_id', '=', realmId)
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .execute();
    return row ? toSession(row) : undefined;
  },

  /** Revokes one live session; returns whether it was live. */
  async revoke(db: Kysely<Schema>, realmId: string, sessionId: string, reason: RevokeReason, now: number): Promise<boolean> {
    const result = await db
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('realm_id', '=', realmId)
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Revokes every live session of a user, optionally sparing one; returns the ids revoked. */
  async revokeAllForUser(
    db: Kysely<Schema>,
    realmId: string,
    userId: string,
    reason: RevokeReason,
    now: number,
    except?: string,
  ): Promise<string[]> {
    let query = db
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now);
    if (except) query = query.where('id', '!=', except);
    const rows = await query.returning('id').execute();
    return rows.map((r) => r.id);
  },

  /** Revokes every live session in a realm; returns the (session, user) pairs revoked. */
  async revokeAllInRealm(db: Kysely<Schema>, realmId: string, reason: RevokeReason, now: number) {
    return db
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('realm_id', '=', realmId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'user_id'])
      .execute();
  },

  /** Revokes every live session that signed in through an identity provider; returns the (session, user) pairs revoked. */
  async revokeAllForProvider(db: Kysely<Schema>, realmId: string, providerId: string, reason: RevokeReason, now: number) {
    return db
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('realm_id', '=', realmId)
      .where('identity_provider_id', '=', providerId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'user_id'])
      .execute();
  },

  /** Live sessions of a user, newest first. */
  async listLiveForUser(db: Kysely<Schema>, realmId: string, userId: string, now: number, page: PageRequest): Promise<Page<Session>> {
    const query = db
      .selectFrom('sessions')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now);
    return paginate(query, { column: 'created_at', direction: 'desc' }, page, toSession, (r) => r.created_at, (r) => r.id);
  },
};
