import { isDeepStrictEqual } from 'node:util';
import { PostgresAdapter, type Kysely } from 'kysely';
import { AppError, invalidField } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import { newId } from '../platform/ids.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import { sessionStore } from '../sessions/session-store.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import { roleStore } from '../authorization/role-store.ts';
import { providerLimits, providerNotFound, type IdentityProvider, type ProviderFields } from './provider.ts';
import { fieldsForCreate, fieldsForUpdate, type ProviderInput } from './provider-settings.ts';
import { providerStore } from './provider-store.ts';

/**
 * A realm's identity providers, as operators manage them (src/http/routes/admin-identity-providers.ts).
 * Every change and its event (1220 added, 1222 updated, 1221 removed) are one transaction, under
 * the realm's row lock so the slug and the per-realm bound hold. The secret is sealed with the
 * master key before it is stored and never answered again; events name the fields that changed,
 * never their values. Disabling or deleting a provider ends the sessions that signed in through it
 * (one 1313 event each), in the same transaction.
 */
export interface ProviderServiceDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  secrets: SecretBox;
  /** Tells every process that sessions ended (after the commit), so their tokens stop at once everywhere. */
  invalidation?: InvalidationPublisher;
}

const slugTaken = (slug: string) => new AppError('identity_provider.slug_taken', `The slug ${slug} is already used by an identity provider of this realm.`, { details: [{ field: 'slug', issue: 'is taken' }] });

/** The admin API's names for the fields an update may change (the events list them). */
const FIELD_NAMES: Record<keyof ProviderFields, string> = {
  slug: 'slug',
  displayName: 'display_name',
  iconUrl: 'icon_url',
  position: 'position',
  enabled: 'enabled',
  kind: 'kind',
  preset: 'preset',
  protocol: 'protocol',
  scopes: 'scopes',
  prompt: 'prompt',
  authorizeParams: 'authorize_params',
  allowedEmailDomains: 'allowed_email_domains',
  trustEmail: 'trust_email',
  firstSignIn: 'first_sign_in',
  linkByEmail: 'link_by_email',
  mapping: 'mapping',
  syncOnSignIn: 'sync_on_sign_in',
  satisfiesMfa: 'satisfies_mfa',
};

async function lockRealm(trx: Kysely<Schema>, realmId: string): Promise<void> {
  const query = trx.selectFrom('realms').select('id').where('id', '=', realmId);
  await (trx.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query).execute();
}

export function createProviderService(deps: ProviderServiceDeps) {
  const { db, clock, events, secrets } = deps;
  const seal = (secret: string | undefined) => (secret === undefined ? undefined : secrets.seal(secret));

  /** Ends the provider's live sessions (recorded one by one); the caller publishes them after the commit. */
  async function endSessions(trx: Kysely<Schema>, realm: Realm, provider: IdentityProvider, actor: Actor, origin: RequestOrigin): Promise<string[]> {
    const revoked = await sessionStore.revokeAllForProvider(trx, realm.id, provider.id, 'identity_provider_disabled', clock.now());
    for (const session of revoked) {
      await events.record(trx, { realmId: realm.id, type: 'user.logged_out.identity_provider_disabled', actor, userId: session.user_id, origin, details: { session_id: session.id, provider_id: provider.id } });
    }
    return revoked.map((session) => session.id);
  }

  async function publishEnded(realm: Realm, sessionIds: string[]): Promise<void> {
    for (const sessionId of sessionIds) await deps.invalidation?.publish({ realmId: realm.id, sessionId });
  }

  /** Every role the mapping gives must be a role of the realm (a role deleted later is skipped at sign-in). */
  async function requireMappedRoles(trx: Kysely<Schema>, realm: Realm, fields: ProviderFields): Promise<void> {
    const slugs = fields.mapping.roles.map((rule) => rule.role);
    const known = await roleStore.idsOf(trx, realm.id, slugs);
    const missing = slugs.findIndex((slug) => !known.has(slug));
    if (missing >= 0) throw invalidField('identity_provider.invalid', `mapping.roles.${missing}.role`, 'is not a role of this realm');
  }

  async function requireForChange(trx: Kysely<Schema>, realm: Realm, ref: string): Promise<IdentityProvider> {
    const provider = await providerStore.findForChange(trx, realm.id, ref);
    if (!provider) throw providerNotFound();
    return provider;
  }

  return {
    async create(realm: Realm, input: ProviderInput, actor: Actor, origin: RequestOrigin): Promise<IdentityProvider> {
      const { fields, secret } = fieldsForCreate(input);
      return db.transaction().execute(async (trx) => {
        await lockRealm(trx, realm.id);
        if ((await providerStore.count(trx, realm.id)) >= providerLimits.perRealm) {
          throw new AppError('identity_provider.limit_reached', `A realm has at most ${providerLimits.perRealm} identity providers: delete one first.`);
        }
        if (await providerStore.slugTaken(trx, realm.id, fields.slug)) throw slugTaken(fields.slug);
        await requireMappedRoles(trx, realm, fields);
        const provider = await providerStore.insert(trx, realm.id, newId('idp'), fields, seal(secret) ?? null, clock.now(), actor.id);
        await events.record(trx, {
          realmId: realm.id,
          type: 'identity_provider.created',
          actor,
          origin,
          details: { provider_id: provider.id, slug: provider.slug, kind: provider.kind, preset: provider.preset },
        });
        return provider;
      });
    },

    async update(realm: Realm, ref: string, changes: Partial<ProviderInput>, actor: Actor, origin: RequestOrigin): Promise<IdentityProvider> {
      let ended: string[] = [];
      const updated = await db.transaction().execute(async (trx) => {
        await lockRealm(trx, realm.id);
        const current = await requireForChange(trx, realm, ref);
        const { fields, secret } = fieldsForUpdate(current, changes);
        const changed = (Object.keys(FIELD_NAMES) as (keyof ProviderFields)[]).filter((key) => !isDeepStrictEqual(current[key], fields[key])).map((key) => FIELD_NAMES[key]);
        if (changed.length === 0 && secret === undefined) return current;
        if (fields.slug !== current.slug && (await providerStore.slugTaken(trx, realm.id, fields.slug, current.id))) throw slugTaken(fields.slug);
        if (!isDeepStrictEqual(current.mapping.roles, fields.mapping.roles)) await requireMappedRoles(trx, realm, fields);
        const next = await providerStore.update(trx, current, fields, seal(secret), clock.now(), actor.id);
        await events.record(trx, {
          realmId: realm.id,
          type: 'identity_provider.updated',
          actor,
          origin,
          details: { provider_id: current.id, slug: next.slug, fields: changed, secret_replaced: secret !== undefined },
        });
        if (current.enabled && !next.enabled) ended = await endSessions(trx, realm, current, actor, origin);
        return next;
      });
      await publishEnded(realm, ended);
      return updated;
    },

    /** Deletes the provider and the accounts linked through it. */
    async remove(realm: Realm, ref: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      const ended = await db.transaction().execute(async (trx) => {
        await lockRealm(trx, realm.id);
        const current = await requireForChange(trx, realm, ref);
        const sessions = await endSessions(trx, realm, current, actor, origin);
        await providerStore.remove(trx, realm.id, current.id);
        await events.record(trx, { realmId: realm.id, type: 'identity_provider.deleted', actor, origin, details: { provider_id: current.id, slug: current.slug } });
        return sessions;
      });
      await publishEnded(realm, ended);
    },

    async get(realm: Realm, ref: string): Promise<IdentityProvider> {
      const provider = await providerStore.find(db, realm.id, ref);
      if (!provider) throw providerNotFound();
      return provider;
    },

    list: (realm: Realm, page: PageRequest): Promise<Page<IdentityProvider>> => providerStore.list(db, realm.id, page),
  };
}

export type ProviderService = ReturnType<typeof createProviderService>;
