import { PostgresAdapter, type Kysely } from 'kysely';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { IdentityProviderRow, Schema } from '../storage/schema.ts';
import type { IdentityProvider, ProviderFields } from './provider.ts';

/**
 * The identity_providers table. Every call names the realm: another realm's provider is never
 * read or changed. A provider is named by its id (`idp_…`) or its slug. The sign-in rules live in
 * one JSON column (`rules`), the protocol settings in another; the secret is read only by the
 * sign-in (`sealedSecret`), never with the provider.
 */
type Db = Kysely<Schema>;

type Rules = Pick<ProviderFields, 'scopes' | 'prompt' | 'authorizeParams' | 'allowedEmailDomains' | 'trustEmail' | 'firstSignIn' | 'linkByEmail' | 'mapping' | 'syncOnSignIn' | 'satisfiesMfa'>;

function rulesOf(fields: ProviderFields): Rules {
  const { scopes, prompt, authorizeParams, allowedEmailDomains, trustEmail, firstSignIn, linkByEmail, mapping, syncOnSignIn, satisfiesMfa } = fields;
  return { scopes, prompt, authorizeParams, allowedEmailDomains, trustEmail, firstSignIn, linkByEmail, mapping, syncOnSignIn, satisfiesMfa };
}

/** Rules stored before a field existed read as its default (role rules came with issue #11's role mapping). */
const rulesRead = (rules: Rules): Rules => ({ ...rules, mapping: { ...rules.mapping, roles: rules.mapping.roles ?? [] } });

/** The fields of a provider from its row's columns, JSON parsed: what a stored provider and a realm export's (src/portability) hold alike. */
export function providerFieldsOf(row: Pick<IdentityProviderRow, 'slug' | 'display_name' | 'icon_url' | 'position' | 'enabled' | 'kind' | 'preset' | 'protocol' | 'rules'>): ProviderFields {
  return {
    slug: row.slug,
    displayName: row.display_name,
    iconUrl: row.icon_url,
    position: row.position,
    enabled: readBool(row.enabled),
    kind: row.kind as IdentityProvider['kind'],
    preset: row.preset as IdentityProvider['preset'],
    protocol: readJson(row.protocol),
    ...rulesRead(readJson<Rules>(row.rules)),
  };
}

function toProvider(row: IdentityProviderRow): IdentityProvider {
  return {
    id: row.id,
    realmId: row.realm_id,
    ...providerFieldsOf(row),
    secretSet: row.secret_sealed !== null,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    version: row.version,
  };
}

const byRef = (db: Db, realmId: string, ref: string) =>
  db.selectFrom('identity_providers').selectAll().where('realm_id', '=', realmId).where(ref.startsWith('idp_') ? 'id' : 'slug', '=', ref);

const columnsOf = (fields: ProviderFields) => ({
  slug: fields.slug,
  kind: fields.kind,
  preset: fields.preset,
  display_name: fields.displayName,
  icon_url: fields.iconUrl,
  position: fields.position,
  enabled: fields.enabled,
  protocol: writeJson(fields.protocol),
  rules: writeJson(rulesOf(fields)),
});

export const providerStore = {
  async find(db: Db, realmId: string, ref: string): Promise<IdentityProvider | undefined> {
    const row = await byRef(db, realmId, ref).executeTakeFirst();
    return row ? toProvider(row) : undefined;
  },

  /** Reads the provider for a change, locking its row until the transaction ends (PostgreSQL; SQLite's write lock is already held). */
  async findForChange(db: Db, realmId: string, ref: string): Promise<IdentityProvider | undefined> {
    const query = byRef(db, realmId, ref);
    const row = await (db.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query).executeTakeFirst();
    return row ? toProvider(row) : undefined;
  },

  /** The sealed secret of the provider (the sign-in opens it); null when none is stored. */
  async sealedSecret(db: Db, realmId: string, id: string): Promise<string | null> {
    const row = await db.selectFrom('identity_providers').select('secret_sealed').where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
    return row?.secret_sealed ?? null;
  },

  async slugTaken(db: Db, realmId: string, slug: string, except?: string): Promise<boolean> {
    let query = db.selectFrom('identity_providers').select('id').where('realm_id', '=', realmId).where('slug', '=', slug);
    if (except !== undefined) query = query.where('id', '!=', except);
    return (await query.executeTakeFirst()) !== undefined;
  },

  async count(db: Db, realmId: string): Promise<number> {
    const row = await db.selectFrom('identity_providers').select((eb) => eb.fn.countAll<number>().as('n')).where('realm_id', '=', realmId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insert(db: Db, realmId: string, id: string, fields: ProviderFields, sealedSecret: string | null, at: number, by: string | null): Promise<IdentityProvider> {
    const row: IdentityProviderRow = { realm_id: realmId, id, ...columnsOf(fields), secret_sealed: sealedSecret, created_at: at, created_by: by, updated_at: at, updated_by: by, version: 1 };
    await db.insertInto('identity_providers').values(row).execute();
    return toProvider(row);
  },

  /** `sealedSecret`: undefined keeps the stored one, null removes it. */
  async update(db: Db, current: IdentityProvider, fields: ProviderFields, sealedSecret: string | null | undefined, at: number, by: string | null): Promise<IdentityProvider> {
    const row = await db
      .updateTable('identity_providers')
      .set({ ...columnsOf(fields), ...(sealedSecret === undefined ? {} : { secret_sealed: sealedSecret }), updated_at: at, updated_by: by, version: current.version + 1 })
      .where('realm_id', '=', current.realmId)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProvider(row);
  },

  /** Deletes the provider; the identities linked through it go with it (cascade). */
  async remove(db: Db, realmId: string, id: string): Promise<void> {
    await db.deleteFrom('user_identities').where('realm_id', '=', realmId).where('provider_id', '=', id).execute();
    await db.deleteFrom('identity_providers').where('realm_id', '=', realmId).where('id', '=', id).execute();
  },

  /** The realm's providers in their sign-in page order (position, then id), page by page. */
  async list(db: Db, realmId: string, page: PageRequest): Promise<Page<IdentityProvider>> {
    const query = db.selectFrom('identity_providers').selectAll().where('realm_id', '=', realmId);
    return paginate(query, { column: 'position', direction: 'asc', numeric: true }, page, toProvider, (row) => row.position, (row) => row.id);
  },
};
