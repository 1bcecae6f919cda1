import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { ApplicationDirectory, ApplicationGrantsEnder, ApplicationKind } from '../contracts.ts';
import { AppError, invalidField } from '../errors.ts';
import type { Actor, createEventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { randomBase62 } from '../platform/ids.ts';
import type { Realm } from '../realms/realm.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import { applicationLimits, applicationNotFound, defaultsFor, fieldsOf, usesSecret, type ApplicationFields, type ApplicationRecord, type NewApplicationFields } from './application.ts';
import { settleFields } from './application-rules.ts';
import { applicationStore } from './application-store.ts';
import { createApplicationConsents } from './application-consents.ts';
import { newClientSecret } from './client-secrets.ts';

/**
 * A realm's applications (OAuth clients): what operators do with them (src/http/routes/
 * admin-applications.ts), what the OpenID Connect provider reads (`ApplicationDirectory`), and
 * users' consents. Every change and its event are one transaction; whatever the provider issued
 * that the change ends (a disabled or deleted application) is ended through `grants` after the
 * commit, and the provider is told to drop its cached copy of the application.
 */
export interface ApplicationDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: ReturnType<typeof createEventLog>;
  /** src/oidc's side: ends grants and tokens, drops cached clients. */
  grants: ApplicationGrantsEnder;
  /**
   * The admin realm's applications the server runs itself (the console): operators do not change
   * their redirect URIs, since the console gets operator access without a consent prompt and an
   * address added to it would get the same (found by review).
   */
  ownClientIds?: ReadonlySet<string>;
}

/** An application and, when this call made one, its new secret: shown this once, never again. */
export interface ApplicationWithSecret {
  application: ApplicationRecord;
  clientSecret: string | null;
}

/** `app_` and 22 base62 characters (~131 random bits): unguessable, though not a secret. */
const newClientId = () => `app_${randomBase62(22)}`;

function changedFields(before: ApplicationFields, after: ApplicationFields): string[] {
  // Not JSON text: PostgreSQL's jsonb hands `jwks` back with its keys reordered, so equal keys would differ.
  return (Object.keys(after) as (keyof ApplicationFields)[]).filter((key) => !isDeepStrictEqual(before[key], after[key]));
}

export function createApplicationService(deps: ApplicationDeps) {
  const { db, clock, events, grants } = deps;
  const consents = createApplicationConsents(deps);

  async function requireForChange(trx: Kysely<Schema>, realm: Realm, clientId: string): Promise<ApplicationRecord> {
    const app = await applicationStore.findForChange(trx, realm.id, clientId);
    if (!app) throw applicationNotFound();
    return app;
  }

  /** `clientId` is for the server's own applications (the console's, src/console): others get a random one. */
  async function create(realm: Realm, input: NewApplicationFields, actor: Actor, origin: RequestOrigin, clientId = newClientId()): Promise<ApplicationWithSecret> {
    const { kind, ...given } = input;
    const fields = settleFields(kind, { ...defaultsFor(kind), ...given });
    const secret = usesSecret(fields.token_endpoint_auth_method) ? newClientSecret() : undefined;
    const application = await db.transaction().execute(async (trx) => {
      // Counted under the realm's row lock (PostgreSQL) or SQLite's write lock: concurrent creations cannot pass the limit together.
      await applicationStore.lockRealm(trx, realm.id);
      if ((await applicationStore.count(trx, realm.id)) >= applicationLimits.perRealm) {
        throw new AppError('application.limit_reached', `A realm has at most ${applicationLimits.perRealm} applications: delete one first.`);
      }
      const created = await applicationStore.insert(trx, { realmId: realm.id, clientId, kind, fields, secretHash: secret?.hash ?? null, at: clock.now(), by: actor.id });
      await events.record(trx, { realmId: realm.id, type: 'application.created', actor, origin, details: { client_id: created.clientId, kind, name: created.name } });
      return created;
    });
    return { application, clientSecret: secret?.secret ?? null };
  }

  /**
   * PATCH: the given fields replace the current ones and the whole is checked again. Switching
   * to a secret method makes a secret (answered once); switching away forgets the secret.
   * Disabling ends what the provider issued to the application.
   */
  async function update(realm: Realm, clientId: string, changes: Partial<ApplicationFields>, actor: Actor, origin: RequestOrigin): Promise<ApplicationWithSecret> {
    let secret: string | null = null;
    let changedAny = false;
    let disabled = false;
    const application = await db.transaction().execute(async (trx) => {
      const current = await requireForChange(trx, realm, clientId);
      const before = fieldsOf(current);
      const after = settleFields(current.kind, { ...before, ...changes });
      const changed = changedFields(before, after);
      if (changed.length === 0) return current;
      if (changed.includes('redirect_uris') && realm.is_system && actor.type !== 'system' && deps.ownClientIds?.has(clientId)) {
        throw new AppError('application.protected', `The redirect URIs of ${clientId} are the server's own: it sends operators' codes only to the console.`);
      }
      changedAny = true;
      const wantsSecret = usesSecret(after.token_endpoint_auth_method);
      let secretHash: string | null | undefined;
      if (wantsSecret && !current.hasSecret) {
        const made = newClientSecret();
        secret = made.secret;
        secretHash = made.hash;
      } else if (!wantsSecret && current.hasSecret) {
        secretHash = null;
      }
      const next = await applicationStore.update(trx, current, after, secretHash, clock.now(), actor.id);
      disabled = current.enabled && !next.enabled;
      await events.record(trx, { realmId: realm.id, type: 'application.updated', actor, origin, details: { client_id: clientId, fields: changed, secret_issued: secret !== null } });
      return next;
    });
    if (changedAny) grants.applicationChanged(realm.id, clientId);
    if (disabled) await grants.endForApplication(realm.id, clientId);
    return { application, clientSecret: secret };
  }

  async function remove(realm: Realm, clientId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const current = await requireForChange(trx, realm, clientId);
      await applicationStore.remove(trx, realm.id, clientId);
      await events.record(trx, { realmId: realm.id, type: 'application.deleted', actor, origin, details: { client_id: clientId, kind: current.kind, name: current.name } });
    });
    grants.applicationChanged(realm.id, clientId);
    await grants.endForApplication(realm.id, clientId);
  }

  /**
   * A new secret, shown once. The one it replaces keeps verifying for `graceSeconds` (0: not at
   * all), so deployments can switch over. Only one previous secret is kept: rotating again
   * during a grace period ends the older one at once.
   */
  async function rotateSecret(realm: Realm, clientId: string, graceSeconds: number, actor: Actor, origin: RequestOrigin): Promise<ApplicationWithSecret> {
    const { min, max } = applicationLimits.secretGraceSeconds;
    if (!Number.isInteger(graceSeconds) || graceSeconds < min || graceSeconds > max) {
      throw invalidField('application.invalid_secret_grace', 'grace_seconds', `must be a whole number from ${min} to ${max}`);
    }
    const made = newClientSecret();
    const application = await db.transaction().execute(async (trx) => {
      const current = await requireForChange(trx, realm, clientId);
      if (!current.hasSecret) throw new AppError('application.no_secret', `This application authenticates with ${current.tokenEndpointAuthMethod}: it has no secret to rotate.`);
      const now = clock.now();
      await applicationStore.rotateSecret(trx, current, made.hash, graceSeconds > 0 ? now + graceSeconds * 1000 : null, now, actor.id);
      await events.record(trx, { realmId: realm.id, type: 'application.secret_rotated', actor, origin, details: { client_id: clientId, grace_seconds: graceSeconds } });
      return (await applicationStore.find(trx, realm.id, clientId))!;
    });
    grants.applicationChanged(realm.id, clientId);
    return { application, clientSecret: made.secret };
  }

  const directory: ApplicationDirectory = {
    findByClientId: (realmId, clientId) => applicationStore.find(db, realmId, clientId),
    secretChecker: consents.secretChecker,
    consent: consents.consent,
    recordConsent: consents.recordConsent,
    isRegisteredReturnUri: consents.isRegisteredReturnUri,
  };

  return {
    ...directory,
    create,
    update,
    remove,
    rotateSecret,
    async get(realm: Realm, clientId: string): Promise<ApplicationRecord> {
      const app = await applicationStore.find(db, realm.id, clientId);
      if (!app) throw applicationNotFound();
      return app;
    },
    list(realm: Realm, query: { q?: string; kind?: ApplicationKind }, page: PageRequest): Promise<Page<ApplicationRecord>> {
      return applicationStore.list(db, realm.id, query, page);
    },
    consentsOf: consents.consentsOf,
    revokeConsent: consents.revokeConsent,
  };
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
