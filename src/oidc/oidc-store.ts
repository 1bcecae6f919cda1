import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../storage/codec.ts';
import type { OidcModelRow, Schema } from '../storage/schema.ts';
import { canAuthenticate, type User } from '../users/user.ts';

/**
 * oidc-provider's storage, realm-scoped: every query names the realm, so one realm's provider can
 * never find, change or delete another realm's sessions, grants, codes or tokens. Expiry columns
 * follow oidc-provider's clock (the system clock): it checks `exp` in each payload itself.
 */
export type OidcPayload = Record<string, unknown> & {
  grantId?: string;
  userCode?: string;
  uid?: string;
  accountId?: string;
  clientId?: string;
  sessionUid?: string;
  consumed?: number;
  exp?: number;
};

/** Models issued under a grant: they live only as long as it does, whatever order a race wrote them in. */
const GRANT_BOUND = new Set(['AuthorizationCode', 'AccessToken', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** Models whose rows outlive a realm session only as long as that session lives (session binding). */
const SESSION_BOUND = new Set(['Session', 'AuthorizationCode', 'AccessToken', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * Models that act for their user: they are found only while the user may sign in (exists, active,
 * not locked). A realm whose sessions are unmanaged binds none of them to a realm session, so
 * without this a deleted or locked user's tokens would still introspect as active (found by review).
 */
const ACCOUNT_BOUND = new Set(['Session', 'Grant', 'AuthorizationCode', 'AccessToken', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** The user's own rule (canAuthenticate), on the joined row: no row or a deleted one may not. */
const accountMaySignIn = (row: { account_state: string | null; account_locked: unknown; account_deleted_at: unknown }) =>
  row.account_state !== null && row.account_deleted_at === null && canAuthenticate({ state: row.account_state as User['state'], locked: Number(row.account_locked) !== 0 });

export interface StoredModel {
  payload: OidcPayload;
}

const live = (row: Pick<OidcModelRow, 'expires_at'>, now: number) => row.expires_at === null || Number(row.expires_at) > now;

function withConsumed(row: OidcModelRow): OidcPayload {
  const payload = readJson<OidcPayload>(row.payload);
  return row.consumed_at === null ? payload : { ...payload, consumed: Math.floor(Number(row.consumed_at) / 1000) };
}

export const oidcStore = {
  /**
   * Inserts or replaces a model instance. `realmSessionId`: undefined keeps what the row had (a
   * provider session re-saved outside a sign-in stays bound to its realm session).
   */
  async upsert(
    db: Kysely<Schema>,
    realmId: string,
    model: string,
    id: string,
    payload: OidcPayload,
    expiresAt: number | null,
    realmSessionId: string | null | undefined,
    applicationId: string | null,
  ): Promise<void> {
    const row: OidcModelRow = {
      realm_id: realmId,
      model,
      id,
      payload: writeJson(payload),
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ?? null,
      uid: payload.uid ?? null,
      account_id: payload.accountId ?? null,
      client_id: payload.clientId ?? null,
      application_id: applicationId,
      realm_session_id: realmSessionId ?? null,
      expires_at: expiresAt,
      consumed_at: null,
      consumed_by: null,
    };
    const { realm_id: _r, model: _m, id: _i, ...changes } = row;
    const update = realmSessionId === undefined ? (({ realm_session_id: _s, ...rest }) => rest)(changes) : changes;
    await db
      .insertInto('oidc_models')
      .values(row)
      .onConflict((oc) => oc.columns(['realm_id', 'model', 'id']).doUpdateSet(update))
      .execute();
  },

  /**
   * A live instance by id, or by one of its lookup columns. Instances bound to a realm session are
   * found only while that session is live: a session ended by logout, lock, password change or
   * realm deactivation takes the provider session and everything issued under it with it. Those
   * acting for a user are found only while the user may sign in (ACCOUNT_BOUND).
   */
  async find(db: Kysely<Schema>, realmId: string, model: string, by: { id: string } | { uid: string } | { userCode: string }, now: number, sessionNow: number): Promise<OidcPayload | undefined> {
    let query = db
      .selectFrom('oidc_models as m')
      .leftJoin('sessions as s', (join) => join.onRef('s.id', '=', 'm.realm_session_id').onRef('s.realm_id', '=', 'm.realm_id'))
      .leftJoin('oidc_models as g', (join) => join.onRef('g.realm_id', '=', 'm.realm_id').on('g.model', '=', 'Grant').onRef('g.id', '=', 'm.grant_id'))
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'm.account_id').onRef('u.realm_id', '=', 'm.realm_id'))
      .selectAll('m')
      .select(['s.revoked_at as session_revoked_at', 's.expires_at as session_expires_at', 'g.id as grant_row', 'u.state as account_state', 'u.locked as account_locked', 'u.deleted_at as account_deleted_at'])
      .where('m.realm_id', '=', realmId)
      .where('m.model', '=', model);
    if ('id' in by) query = query.where('m.id', '=', by.id);
    else if ('uid' in by) query = query.where('m.uid', '=', by.uid);
    else query = query.where('m.user_code', '=', by.userCode);
    const row = await query.limit(1).executeTakeFirst();
    if (!row || !live(row, now)) return undefined;
    if (row.grant_id !== null && GRANT_BOUND.has(model) && row.grant_row === null) return undefined;
    // A user deleted (the row kept, marked), gone, deactivated or locked: as validate and userinfo answer for them.
    if (row.account_id !== null && ACCOUNT_BOUND.has(model) && !accountMaySignIn(row)) return undefined;
    if (row.realm_session_id !== null && SESSION_BOUND.has(model)) {
      const sessionLive = row.session_expires_at !== null && row.session_revoked_at === null && Number(row.session_expires_at) > sessionNow;
      if (!sessionLive) return undefined;
    }
    return withConsumed(row);
  },

  /** A row as stored (whatever its expiry or session), for what must be done before it goes. */
  async findRow(db: Kysely<Schema>, realmId: string, model: string, id: string): Promise<OidcModelRow | undefined> {
    return db.selectFrom('oidc_models').selectAll().where('realm_id', '=', realmId).where('model', '=', model).where('id', '=', id).executeTakeFirst();
  },

  /** The realm session a provider session (by its uid) is bound to; undefined when none. */
  async realmSessionOf(db: Kysely<Schema>, realmId: string, sessionUid: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('oidc_models')
      .select('realm_session_id')
      .where('realm_id', '=', realmId)
      .where('model', '=', 'Session')
      .where('uid', '=', sessionUid)
      .executeTakeFirst();
    return row?.realm_session_id ?? undefined;
  },

  /**
   * Marks a code or token used, once: false when it was already used — by a concurrent request that
   * read it unused at the same moment (oidc-provider checks, then consumes). `by`: who used it.
   */
  async consume(db: Kysely<Schema>, realmId: string, model: string, id: string, at: number, by: string | null = null): Promise<boolean> {
    const result = await db
      .updateTable('oidc_models')
      .set({ consumed_at: at, consumed_by: by })
      .where('realm_id', '=', realmId)
      .where('model', '=', model)
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async destroy(db: Kysely<Schema>, realmId: string, model: string, id: string): Promise<void> {
    await db.deleteFrom('oidc_models').where('realm_id', '=', realmId).where('model', '=', model).where('id', '=', id).execute();
  },

  /** Everything issued under one grant (codes, tokens), whatever its model; the grant stays unless `withGrant`. */
  async revokeByGrantId(db: Kysely<Schema>, realmId: string, grantId: string, withGrant = false): Promise<void> {
    await db
      .deleteFrom('oidc_models')
      .where('realm_id', '=', realmId)
      .where((eb) => (withGrant ? eb.or([eb('grant_id', '=', grantId), eb.and([eb('model', '=', 'Grant'), eb('id', '=', grantId)])]) : eb('grant_id', '=', grantId)))
      .execute();
  },

  /** Everything a user was granted by one application (their consent revoked): grants, codes, tokens. */
  async deleteForUserAndApplication(db: Kysely<Schema>, realmId: string, applicationId: string, accountId: string): Promise<number> {
    const result = await db
      .deleteFrom('oidc_models')
      .where('realm_id', '=', realmId)
      .where('application_id', '=', applicationId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Everything issued to one application (disabled or deleted). */
  async deleteForApplication(db: Kysely<Schema>, realmId: string, applicationId: string): Promise<number> {
    const result = await db.deleteFrom('oidc_models').where('realm_id', '=', realmId).where('application_id', '=', applicationId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /**
   * Takes the provider sessions bound to realm sessions that have ended — one realm session, a
   * user's, or any in the realm — off the table and answers them: each row is answered to the one
   * caller whose delete removed it, so of several processes hearing the same end exactly one acts.
   * A realm session whose row is gone (its user deleted) has ended too. At most `limit` at a time.
   */
  async claimEndedSessions(db: Kysely<Schema>, realmId: string, scope: { sessionId?: string; userId?: string }, limit = 500): Promise<OidcPayload[]> {
    let query = db
      .selectFrom('oidc_models as m')
      .leftJoin('sessions as s', (join) => join.onRef('s.realm_id', '=', 'm.realm_id').onRef('s.id', '=', 'm.realm_session_id'))
      .select(['m.id', 'm.payload'])
      .where('m.realm_id', '=', realmId)
      .where('m.model', '=', 'Session')
      .where('m.realm_session_id', 'is not', null)
      .where((eb) => eb.or([eb('s.revoked_at', 'is not', null), eb('s.id', 'is', null)]));
    if (scope.sessionId !== undefined) query = query.where('m.realm_session_id', '=', scope.sessionId);
    if (scope.userId !== undefined) query = query.where('m.account_id', '=', scope.userId);
    const claimed: OidcPayload[] = [];
    for (const row of await query.limit(limit).execute()) {
      const removed = await db.deleteFrom('oidc_models').where('realm_id', '=', realmId).where('model', '=', 'Session').where('id', '=', row.id).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 1) claimed.push(readJson<OidcPayload>(row.payload));
    }
    return claimed;
  },

  /** Housekeeping: rows past their expiry (by the system clock, as oidc-provider keeps time). */
  async purgeExpired(db: Kysely<Schema>, now: number): Promise<number> {
    const result = await db.deleteFrom('oidc_models').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
