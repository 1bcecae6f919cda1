import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { ApplicationConsent, ApplicationKind } from '../contracts.ts';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import { startsWith } from '../storage/prefix-search.ts';
import type { ApplicationConsentRow, ApplicationRow, Schema } from '../storage/schema.ts';
import { effectiveCorsOrigins, type ApplicationFields, type ApplicationRecord } from './application.ts';

/**
 * The applications and application_consents tables. Every call names the realm: another realm's
 * application or consent is never read or changed. Secret hashes never leave this file except
 * through `secretHashes`, which only verification reads.
 */
type Db = Kysely<Schema>;

export interface SecretHashes {
  current: string | null;
  previous: string | null;
  previousUntil: number | null;
}

function toRecord(row: ApplicationRow): ApplicationRecord {
  const redirectUris = readJson<string[]>(row.redirect_uris);
  const listedCorsOrigins = readJson<string[]>(row.cors_origins);
  const kind = row.kind as ApplicationKind;
  return {
    // One identifier: the API id of an application is its client_id.
    id: row.client_id,
    realmId: row.realm_id,
    clientId: row.client_id,
    kind,
    name: row.name,
    logoUrl: row.logo_url,
    enabled: readBool(row.enabled),
    redirectUris,
    postLogoutRedirectUris: readJson(row.post_logout_redirect_uris),
    corsOrigins: effectiveCorsOrigins(kind, redirectUris, listedCorsOrigins),
    listedCorsOrigins,
    grantTypes: readJson(row.grant_types),
    scopes: readJson(row.scopes),
    consent: row.consent as ApplicationRecord['consent'],
    accessTokenAudience: row.access_token_audience,
    accessTokenMinutes: row.access_token_minutes === null ? null : Number(row.access_token_minutes),
    refreshTokenDays: row.refresh_token_days === null ? null : Number(row.refresh_token_days),
    tokenEndpointAuthMethod: row.token_endpoint_auth_method as ApplicationRecord['tokenEndpointAuthMethod'],
    jwks: row.jwks === null ? null : readJson(row.jwks),
    jwksUri: row.jwks_uri,
    backchannelLogoutUri: row.backchannel_logout_uri,
    frameOrigins: readJson(row.frame_origins),
    hasSecret: row.secret_hash !== null,
    previousSecretUntil: row.previous_secret_until === null ? null : Number(row.previous_secret_until),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    version: Number(row.version),
  };
}

/** The columns an operator's settings write. */
function settingsColumns(fields: ApplicationFields) {
  return {
    name: fields.name,
    name_search: fields.name.toLowerCase(),
    logo_url: fields.logo_url,
    enabled: fields.enabled,
    redirect_uris: writeJson(fields.redirect_uris),
    post_logout_redirect_uris: writeJson(fields.post_logout_redirect_uris),
    cors_origins: writeJson(fields.cors_origins),
    grant_types: writeJson(fields.grant_types),
    scopes: writeJson(fields.scopes),
    consent: fields.consent,
    access_token_audience: fields.access_token_audience,
    access_token_minutes: fields.access_token_minutes,
    refresh_token_days: fields.refresh_token_days,
    token_endpoint_auth_method: fields.token_endpoint_auth_method,
    jwks: fields.jwks === null ? null : writeJson(fields.jwks),
    jwks_uri: fields.jwks_uri,
    backchannel_logout_uri: fields.backchannel_logout_uri,
    frame_origins: writeJson(fields.frame_origins),
  };
}

function toConsent(row: ApplicationConsentRow): ApplicationConsent {
  return {
    applicationId: row.application_id,
    userId: row.user_id,
    scopes: readJson(row.scopes),
    grantedAt: Number(row.granted_at),
    updatedAt: Number(row.updated_at),
  };
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const one = (db: Db, realmId: string, clientId: string) =>
  db.selectFrom('applications').selectAll().where('realm_id', '=', realmId).where('client_id', '=', clientId);

export interface NewApplicationRow {
  realmId: string;
  clientId: string;
  kind: ApplicationKind;
  fields: ApplicationFields;
  secretHash: string | null;
  at: number;
  by: string | null;
}

export const applicationStore = {
  async insert(db: Db, app: NewApplicationRow): Promise<ApplicationRecord> {
    const row: ApplicationRow = {
      realm_id: app.realmId,
      client_id: app.clientId,
      kind: app.kind,
      ...settingsColumns(app.fields),
      secret_hash: app.secretHash,
      previous_secret_hash: null,
      previous_secret_until: null,
      created_at: app.at,
      created_by: app.by,
      updated_at: app.at,
      updated_by: app.by,
      version: 1,
    };
    await db.insertInto('applications').values(row).execute();
    return toRecord(row);
  },

  async find(db: Db, realmId: string, clientId: string): Promise<ApplicationRecord | undefined> {
    const row = await one(db, realmId, clientId).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  },

  /** Reads the application for a change, locking its row until the transaction ends (PostgreSQL; SQLite's write lock is already held). */
  async findForChange(db: Db, realmId: string, clientId: string): Promise<ApplicationRecord | undefined> {
    const query = one(db, realmId, clientId);
    const row = await (isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  },

  async secretHashes(db: Db, realmId: string, clientId: string): Promise<SecretHashes | undefined> {
    const row = await db
      .selectFrom('applications')
      .select(['secret_hash', 'previous_secret_hash', 'previous_secret_until'])
      .where('realm_id', '=', realmId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) return undefined;
    return { current: row.secret_hash, previous: row.previous_secret_hash, previousUntil: row.previous_secret_until === null ? null : Number(row.previous_secret_until) };
  },

  /** Locks the realm's row until the transaction ends (PostgreSQL; SQLite's single writer already serialises). */
  async lockRealm(db: Db, realmId: string): Promise<void> {
    if (isPostgres(db)) await db.selectFrom('realms').select('id').where('id', '=', realmId).forUpdate().execute();
  },

  async count(db: Db, realmId: string): Promise<number> {
    const row = await db.selectFrom('applications').select((eb) => eb.fn.countAll<number | string>().as('n')).where('realm_id', '=', realmId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Oldest first; `q` keeps those whose name starts with it (any case), `kind` those of that kind. */
  async list(db: Db, realmId: string, filter: { q?: string; kind?: ApplicationKind }, page: PageRequest): Promise<Page<ApplicationRecord>> {
    let query = db.selectFrom('applications').selectAll().where('realm_id', '=', realmId);
    if (filter.q) query = query.where(startsWith(db, 'name_search', filter.q.toLowerCase()));
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    return paginate(query, { column: 'created_at', idColumn: 'client_id', direction: 'asc' }, page, toRecord, (row) => Number(row.created_at), (row) => row.client_id);
  },

  /** Writes new settings (and optionally a new secret hash) as the next version. */
  async update(db: Db, current: ApplicationRecord, fields: ApplicationFields, secretHash: string | null | undefined, at: number, by: string | null): Promise<ApplicationRecord> {
    const secret = secretHash === undefined ? {} : { secret_hash: secretHash, ...(secretHash === null ? { previous_secret_hash: null, previous_secret_until: null } : {}) };
    const row = await db
      .updateTable('applications')
      .set({ ...settingsColumns(fields), ...secret, updated_at: at, updated_by: by, version: current.version + 1 })
      .where('realm_id', '=', current.realmId)
      .where('client_id', '=', current.clientId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  },

  /** A new current secret; the one it replaces verifies until `previousUntil` (null: not at all). */
  async rotateSecret(db: Db, current: ApplicationRecord, secretHash: string, previousUntil: number | null, at: number, by: string | null): Promise<void> {
    await db
      .updateTable('applications')
      .set((eb) => ({
        previous_secret_hash: previousUntil === null ? null : eb.ref('secret_hash'),
        previous_secret_until: previousUntil,
        secret_hash: secretHash,
        updated_at: at,
        updated_by: by,
        version: current.version + 1,
      }))
      .where('realm_id', '=', current.realmId)
      .where('client_id', '=', current.clientId)
      .execute();
  },

  /** Deletes the application and its consents; false when there was none. */
  async remove(db: Db, realmId: string, clientId: string): Promise<boolean> {
    await db.deleteFrom('application_consents').where('realm_id', '=', realmId).where('application_id', '=', clientId).execute();
    const result = await db.deleteFrom('applications').where('realm_id', '=', realmId).where('client_id', '=', clientId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** The origins the realm's enabled SPA applications call from (listed, and their redirect URIs'). */
  async browserOrigins(db: Db, realmId: string): Promise<Set<string>> {
    const rows = await db.selectFrom('applications').selectAll().where('realm_id', '=', realmId).where('enabled', '=', true).where('kind', '=', 'spa').execute();
    return new Set(rows.flatMap((row) => toRecord(row).corsOrigins));
  },

  /** Whether an enabled application of the realm registered exactly this URI (byte-for-byte). */
  async hasReturnUri(db: Db, realmId: string, uri: string, column: 'redirect_uris' | 'post_logout_redirect_uris'): Promise<boolean> {
    const registered = isPostgres(db)
      ? sql<boolean>`${sql.ref(column)} @> jsonb_build_array(${uri}::text)`
      : sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}) where json_each.value = ${uri})`;
    const row = await db
      .selectFrom('applications')
      .select('client_id')
      .where('realm_id', '=', realmId)
      .where('enabled', '=', true)
      .where(registered)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  async consent(db: Db, realmId: string, userId: string, clientId: string): Promise<ApplicationConsent | undefined> {
    const row = await db
      .selectFrom('application_consents')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('application_id', '=', clientId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toConsent(row) : undefined;
  },

  /**
   * Widens the user's consent to the union of what they granted before and `scopes`, in one
   * transaction the caller runs: the row is created if missing, then read locked and updated, so
   * two concurrent grants both end up in it.
   */
  async widenConsent(db: Db, realmId: string, userId: string, clientId: string, scopes: string[], at: number): Promise<{ consent: ApplicationConsent; added: string[] }> {
    await db
      .insertInto('application_consents')
      .values({ realm_id: realmId, application_id: clientId, user_id: userId, scopes: writeJson([]), granted_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['realm_id', 'application_id', 'user_id']).doNothing())
      .execute();
    const query = db.selectFrom('application_consents').selectAll().where('realm_id', '=', realmId).where('application_id', '=', clientId).where('user_id', '=', userId);
    const row = await (isPostgres(db) ? query.forUpdate() : query).executeTakeFirstOrThrow();
    const before = readJson<string[]>(row.scopes);
    const added = [...new Set(scopes)].filter((scope) => !before.includes(scope));
    const next = { ...row, scopes: writeJson([...before, ...added]), updated_at: added.length > 0 ? at : Number(row.updated_at) };
    if (added.length > 0) {
      await db.updateTable('application_consents').set({ scopes: next.scopes, updated_at: at }).where('realm_id', '=', realmId).where('application_id', '=', clientId).where('user_id', '=', userId).execute();
    }
    return { consent: toConsent(next), added };
  },

  async removeConsent(db: Db, realmId: string, userId: string, clientId: string): Promise<boolean> {
    const result = await db.deleteFrom('application_consents').where('realm_id', '=', realmId).where('application_id', '=', clientId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** A deleted user's consents go with them (users are soft-deleted, so no cascade does it). */
  async removeConsentsOfUser(db: Db, realmId: string, userId: string): Promise<void> {
    await db.deleteFrom('application_consents').where('realm_id', '=', realmId).where('user_id', '=', userId).execute();
  },

  /** The user's consents with the applications they belong to, most recently granted first. */
  async consentsOfUser(db: Db, realmId: string, userId: string): Promise<{ consent: ApplicationConsent; application: ApplicationRecord }[]> {
    const consents = await db
      .selectFrom('application_consents')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .orderBy('granted_at', 'desc')
      .orderBy('application_id')
      .execute();
    if (consents.length === 0) return [];
    const apps = await db
      .selectFrom('applications')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('client_id', 'in', consents.map((row) => row.application_id))
      .execute();
    const byId = new Map(apps.map((row) => [row.client_id, toRecord(row)]));
    return consents.map((row) => ({ consent: toConsent(row), application: byId.get(row.application_id)! }));
  },
};
