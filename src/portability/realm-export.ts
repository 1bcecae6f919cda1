/**
 * A realm as one JSON document (docs/import-export.md), written as it is read: the settings and the
 * realm's small collections first, then its users a page at a time with their hashes, tags, second
 * factors, passkeys, roles, memberships and linked identities. Memory stays flat however many users
 * there are. Secrets (signing keys, factor seeds, identity providers' secrets) are written only
 * when a passphrase is given, re-sealed under it (src/portability/passphrase-box.ts); without one
 * the document carries no key and no seed.
 */
import type { Kysely } from 'kysely';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import { readBool, readJson } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';
import type { Clock } from '../platform/clock.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import { editableOf } from '../realms/realm-settings.ts';
import type { Realm } from '../realms/realm.ts';
import { newPassphraseBox, type PassphraseDerivation } from './passphrase-box.ts';
import { REALM_EXPORT_FORMAT } from './realm-document.ts';

const PAGE = 500;

const jsonColumns = (row: Record<string, unknown>, columns: string[]) => {
  const out: Record<string, unknown> = { ...row };
  for (const column of columns) if (out[column] !== null && out[column] !== undefined) out[column] = readJson(out[column] as string);
  return out;
};

const boolColumns = (row: Record<string, unknown>, columns: string[]) => {
  for (const column of columns) row[column] = readBool(row[column] as number);
  return row;
};

/**
 * The columns each table gives the document, named one by one: a column added later (a new secret
 * or hash) stays out of every export until it is added here on purpose.
 */
const EXPORTED = {
  signingKeys: ['id', 'algorithm', 'public_jwk', 'private_material', 'state', 'created_at', 'retired_at', 'verify_until'],
  applications: ['client_id', 'kind', 'name', 'logo_url', 'enabled', 'redirect_uris', 'post_logout_redirect_uris', 'cors_origins', 'grant_types', 'scopes', 'consent', 'access_token_audience', 'access_token_minutes', 'refresh_token_days', 'token_endpoint_auth_method', 'jwks', 'jwks_uri', 'backchannel_logout_uri', 'frame_origins', 'secret_hash', 'created_at', 'created_by', 'updated_at', 'updated_by'],
  providers: ['id', 'slug', 'kind', 'preset', 'display_name', 'icon_url', 'position', 'enabled', 'protocol', 'rules', 'secret_sealed', 'created_at', 'created_by', 'updated_at', 'updated_by'],
  users: ['id', 'username', 'email', 'email_verified', 'mobile', 'mobile_verified', 'first_name', 'middle_name', 'last_name', 'display_name', 'state', 'locked', 'locked_reason', 'user_type', 'custom', 'access', 'access_token_minutes', 'password_hash', 'last_login_at', 'created_at', 'created_by', 'signed_up'],
  factors: ['user_id', 'type', 'name', 'state', 'secret_sealed', 'digits', 'period', 'algorithm', 'counter', 'last_used_step', 'resync_counter', 'resync_until', 'created_at', 'confirmed_at', 'last_used_at'],
  passkeys: ['user_id', 'credential_id', 'public_key', 'sign_count', 'transports', 'aaguid', 'backed_up', 'device_type', 'name', 'created_at', 'last_used_at'],
} as const;

/** The document's text, piece by piece. */
export async function* exportRealm(
  deps: { db: Kysely<Schema>; clock: Clock; secrets: SecretBox; events: EventLog; hashing: PassphraseDerivation['hashing'] },
  realm: Realm,
  passphrase: string | undefined,
  actor: Actor,
  origin: RequestOrigin,
): AsyncGenerator<string> {
  const { db } = deps;
  const sealed = passphrase === undefined ? undefined : await newPassphraseBox(passphrase, { hashing: deps.hashing, realmId: realm.id });
  // The document holds every password hash (and with a passphrase every key): who took one is on record.
  await db.transaction().execute((trx) => deps.events.record(trx, { realmId: realm.id, type: 'realm.exported', actor, origin, details: { with_secrets: sealed !== undefined } }));
  const reseal = (value: string | null) => (value === null || !sealed ? null : sealed.box.seal(deps.secrets.open(value)));
  const member = (name: string, value: unknown) => `,\n${JSON.stringify(name)}:${JSON.stringify(value)}`;

  yield `{${JSON.stringify('format')}:${JSON.stringify(REALM_EXPORT_FORMAT)}`;
  yield member('exported_at', new Date(deps.clock.now()).toISOString());
  yield member('secrets', sealed?.header ?? null);
  yield member('realm', { id: realm.id, created_at: realm.created_at, ...editableOf(realm) });

  if (sealed) {
    const keys = await db.selectFrom('signing_keys').select(EXPORTED.signingKeys).where('realm_id', '=', realm.id).orderBy('created_at').execute();
    yield member(
      'signing_keys',
      keys.map((key) => ({ ...jsonColumns(key, ['public_jwk']), private_material: reseal(key.private_material) })),
    );
  }
  const templates = await db.selectFrom('message_templates').select(['type', 'subject', 'html', 'text']).where('realm_id', '=', realm.id).orderBy('type').execute();
  yield member('templates', templates);

  // The ids written here: a user's reference to something made while the export ran is left out, so the document always imports.
  const exported = { role: new Set<string>(), tenant: new Set<string>(), provider: new Set<string>() };
  const roles = await db.selectFrom('roles').select(['id', 'slug', 'display_name', 'description', 'active', 'permissions']).where('realm_id', '=', realm.id).orderBy('created_at').execute();
  const includes = new Map<string, string[]>();
  for (const edge of await db.selectFrom('role_includes').select(['role_id', 'included_id']).where('realm_id', '=', realm.id).execute()) {
    const list = includes.get(edge.role_id);
    if (list) list.push(edge.included_id);
    else includes.set(edge.role_id, [edge.included_id]);
  }
  roles.forEach((role) => exported.role.add(role.id));
  yield member(
    'roles',
    roles.map((role) => ({ ...boolColumns(jsonColumns(role, ['permissions']), ['active']), includes: (includes.get(role.id) ?? []).filter((id) => exported.role.has(id)) })),
  );
  // Tenants can be many: a page at a time, like the users.
  yield `,\n"tenants":[`;
  for (let after = '', first = true; ; first = false) {
    const tenants = await db.selectFrom('tenants').select(['id', 'slug', 'name', 'active', 'custom']).where('realm_id', '=', realm.id).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (tenants.length === 0) break;
    tenants.forEach((tenant) => exported.tenant.add(tenant.id));
    yield `${first ? '' : ','}${tenants.map((tenant) => JSON.stringify(boolColumns(jsonColumns(tenant, ['custom']), ['active']))).join(',')}`;
    after = tenants[tenants.length - 1].id;
  }
  yield ']';

  const applications = await db.selectFrom('applications').select(EXPORTED.applications).where('realm_id', '=', realm.id).orderBy('created_at').execute();
  yield member(
    'applications',
    applications.map((app) => boolColumns(jsonColumns(app, ['redirect_uris', 'post_logout_redirect_uris', 'cors_origins', 'grant_types', 'scopes', 'jwks', 'frame_origins']), ['enabled'])),
  );
  const providers = await db.selectFrom('identity_providers').select(EXPORTED.providers).where('realm_id', '=', realm.id).orderBy('position').execute();
  providers.forEach((provider) => exported.provider.add(provider.id));
  yield member(
    'identity_providers',
    providers.map(({ secret_sealed: secret, ...provider }) => ({
      ...boolColumns(jsonColumns(provider, ['protocol', 'rules']), ['enabled']),
      secret: reseal(secret),
    })),
  );

  yield `,\n"users":[`;
  let after = '';
  let first = true;
  for (;;) {
    const users = await db.selectFrom('users').select(EXPORTED.users).where('realm_id', '=', realm.id).where('deleted_at', 'is', null).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (users.length === 0) break;
    const ids = users.map((user) => user.id);
    const related = await relatedRows(db, realm.id, ids, sealed !== undefined);
    let chunk = '';
    for (const user of users) {
      chunk += `${first ? '\n' : ',\n'}${JSON.stringify(userRecord(user, related, reseal, exported))}`;
      first = false;
    }
    yield chunk;
    after = ids[ids.length - 1];
  }
  yield '\n]}\n';
}

type Related = Awaited<ReturnType<typeof relatedRows>>;

/** The page's users' tags, factors, passkeys, roles, memberships and identities, one query each. */
async function relatedRows(db: Kysely<Schema>, realmId: string, ids: string[], withFactors: boolean) {
  const byUser = <T extends { user_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.user_id);
      if (list) list.push(row);
      else map.set(row.user_id, [row]);
    }
    return map;
  };
  const [tags, factors, passkeys, roles, tenants, identities] = await Promise.all([
    db.selectFrom('user_tags').select(['user_id', 'tag']).where('realm_id', '=', realmId).where('user_id', 'in', ids).orderBy('tag').execute(),
    withFactors ? db.selectFrom('user_factors').select(EXPORTED.factors).where('realm_id', '=', realmId).where('user_id', 'in', ids).orderBy('created_at').execute() : Promise.resolve([]),
    db.selectFrom('webauthn_credentials').select(EXPORTED.passkeys).where('realm_id', '=', realmId).where('user_id', 'in', ids).execute(),
    db.selectFrom('role_assignments').select(['user_id', 'role_id', 'starts_at', 'ends_at', 'created_at']).where('realm_id', '=', realmId).where('user_id', 'in', ids).execute(),
    db.selectFrom('tenant_memberships').select(['user_id', 'tenant_id', 'roles', 'created_at']).where('realm_id', '=', realmId).where('user_id', 'in', ids).execute(),
    db.selectFrom('user_identities').select(['user_id', 'id', 'provider_id', 'subject', 'email', 'created_at', 'last_used_at']).where('realm_id', '=', realmId).where('user_id', 'in', ids).execute(),
  ]);
  return { tags: byUser(tags), factors: byUser(factors), passkeys: byUser(passkeys), roles: byUser(roles), tenants: byUser(tenants), identities: byUser(identities) };
}

function userRecord(user: Pick<Schema['users'], (typeof EXPORTED.users)[number]>, related: Related, reseal: (value: string | null) => string | null, exported: Record<'role' | 'tenant' | 'provider', Set<string>>) {
  const strip = <T extends { user_id: string }>(rows: T[] | undefined) => (rows ?? []).map(({ user_id: _user, ...rest }) => rest as Record<string, unknown>);
  return {
    ...boolColumns(jsonColumns(user, ['custom', 'access']), ['email_verified', 'mobile_verified', 'locked', 'signed_up']),
    tags: (related.tags.get(user.id) ?? []).map((tag) => tag.tag),
    factors: strip(related.factors.get(user.id)).map(({ secret_sealed: secret, ...factor }) => ({ ...factor, secret: reseal(secret as string) })),
    passkeys: strip(related.passkeys.get(user.id)).map((passkey) => boolColumns(jsonColumns(passkey, ['transports']), ['backed_up'])),
    roles: strip(related.roles.get(user.id)).filter((held) => exported.role.has(held.role_id as string)),
    tenants: strip(related.tenants.get(user.id))
      .filter((membership) => exported.tenant.has(membership.tenant_id as string))
      .map((membership) => jsonColumns(membership, ['roles'])),
    identities: strip(related.identities.get(user.id)).filter((identity) => exported.provider.has(identity.provider_id as string)),
  };
}
