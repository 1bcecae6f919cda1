import type { Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import { systemActor, type Actor, type EventLog } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import { newId } from '../platform/ids.ts';
import { sessionStore } from '../sessions/session-store.ts';
import { uniqueViolation, type DialectName } from '../storage/database.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import type { PreparedKey } from './key-material.ts';
import type { KeyMetadata, RealmKeyRing } from './key-ring.ts';
import { ADMIN_REALM_SLUG, type Realm } from './realm.ts';
import { resetRealmContent, type ResetOptions } from './realm-reset.ts';
import {
  applyPatch,
  changedFields,
  editableOf,
  initialEditable,
  slugBase,
  uniqueSlug,
  validateEditable,
  type NewRealmInput,
  type RealmInput,
} from './realm-settings.ts';
import { claimRealmSlot } from './realm-slots.ts';
import { realmStore, type RealmFilter, type RealmOrder } from './realm-store.ts';

/**
 * Realms: creation (with their first signing key), settings changes, deactivation, deletion,
 * background reset and key rotation. Every change and its events commit in one transaction; the
 * caches of this process are dropped after the commit.
 */
export interface RealmServiceDeps {
  db: Kysely<Schema>;
  /** PostgreSQL needs explicit row locks to serialise changes; SQLite has one writer. */
  dialect: DialectName;
  clock: Clock;
  events: EventLog;
  keys: Pick<RealmKeyRing, 'prepare' | 'generate' | 'rotate' | 'revoke' | 'list' | 'invalidate'>;
  lookup: RealmLookup;
  /** Most realms besides the built-in admin realm. */
  maxRealms: number;
  onBackgroundError: (error: unknown) => void;
  /** Told after a realm changes, is deleted or reset, so every process drops what it cached of the realm. */
  invalidation?: InvalidationPublisher;
  /**
   * Checks settings that name other things of the realm (default roles) or depend on the server's
   * configuration (passkey origins against the public URL), inside the transaction that writes
   * them; refuses by throwing an AppError. `changed`: the fields an update changes (absent for a
   * new realm), so a setting stored before a check existed does not block every later edit.
   */
  checkReferences?: (trx: Kysely<Schema>, realm: Realm, changed?: readonly string[]) => Promise<void>;
  /** Inside a deletion's transaction: takes the realm out of what names it elsewhere (operators' grants). */
  forgetDeleted?: (trx: Kysely<Schema>, realmId: string) => Promise<void>;
}

export type RealmListFilter = RealmFilter & Partial<RealmOrder>;

export type { ResetOptions };

const notFound = (ref: string) => new AppError('realm.not_found', `No realm ${ref}.`);

const isProtected = (what: string) =>
  new AppError('realm.protected', `The built-in ${ADMIN_REALM_SLUG} realm holds the operators: it cannot be ${what}.`);

/** Maps a unique-index violation from a realm change to the client's mistake it stands for. */
function conflictOf(error: unknown, slug: string | undefined): unknown {
  const constraint = uniqueViolation(error);
  if (constraint === undefined) return error;
  if (constraint.includes('slug')) return new AppError('realm.slug_taken', `The slug ${slug} is taken by another realm.`, { details: [{ field: 'slug', issue: 'is taken' }] });
  if (constraint.includes('email')) return duplicateEmails(1);
  return error;
}

function duplicateEmails(count: number) {
  return new AppError(
    'realm.duplicate_emails',
    `Emails can't be made unique: ${count === 1 ? 'an address is' : `${count} addresses are`} used by more than one user of this realm.`,
    { details: [{ field: 'users.require_unique_emails', issue: 'duplicate emails exist' }] },
  );
}

export function createRealmService(deps: RealmServiceDeps) {
  const { db, dialect, clock, events, keys, lookup, maxRealms, onBackgroundError } = deps;
  let systemRealmId: string | undefined;

  async function lockOrThrow(trx: Kysely<Schema>, ref: string): Promise<Realm> {
    const realm = await realmStore.lock(trx, dialect, ref);
    if (!realm) throw notFound(ref);
    return realm;
  }

  async function dropCaches(realmId: string): Promise<void> {
    lookup.invalidate(realmId);
    keys.invalidate(realmId);
    await deps.invalidation?.publish({ realmId });
  }

  async function get(ref: string): Promise<Realm> {
    const realm = await realmStore.find(db, ref);
    if (!realm) throw notFound(ref);
    return realm;
  }

  async function ensureSystemRealm(): Promise<Realm> {
    const existing = await realmStore.findSystem(db);
    if (existing) {
      systemRealmId = existing.id;
      return existing;
    }
    const now = clock.now();
    const editable = initialEditable({ name: 'Administration', slug: ADMIN_REALM_SLUG });
    const realm: Realm = { ...editable, id: newId('rl'), is_system: true, created_at: now, created_by: null, updated_at: now, updated_by: null, version: 1 };
    const key = await keys.prepare(realm.tokens.algorithm);
    try {
      await db.transaction().execute(async (trx) => {
        await realmStore.insert(trx, realm);
        await keys.generate(trx, realm.id, key);
        await events.record(trx, { realmId: realm.id, type: 'realm.created', actor: systemActor, details: { slug: realm.slug, name: realm.name } });
      });
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (uniqueViolation(error) === undefined) throw error;
    }
    const created = await realmStore.findSystem(db);
    if (!created) throw new Error(`the slug ${ADMIN_REALM_SLUG} is held by a realm that is not the built-in one`);
    systemRealmId = created.id;
    return created;
  }

  const systemId = async () => systemRealmId ?? (await ensureSystemRealm()).id;

  async function create(input: NewRealmInput, actor: Actor): Promise<Realm> {
    const editable = initialEditable(input);
    const derived = slugBase(editable.name);
    // A derived slug is valid by construction; check everything else before any work.
    validateEditable({ ...editable, slug: input.slug ?? derived });
    const lockId = await systemId();
    const key = await keys.prepare(editable.tokens.algorithm);
    let created: Realm;
    try {
      created = await db.transaction().execute(async (trx) => {
        await claimRealmSlot(trx, dialect, lockId, maxRealms);
        const slug = input.slug ?? uniqueSlug(derived, await realmStore.slugsLike(trx, derived));
        const now = clock.now();
        const realm: Realm = { ...editable, slug, id: newId('rl'), is_system: false, created_at: now, created_by: actor.id, updated_at: now, updated_by: actor.id, version: 1 };
        await realmStore.insert(trx, realm);
        await deps.checkReferences?.(trx, realm);
        await keys.generate(trx, realm.id, key);
        await events.record(trx, { realmId: realm.id, type: 'realm.created', actor, details: { slug: realm.slug, name: realm.name } });
        return realm;
      });
    } catch (error) {
      throw conflictOf(error, input.slug);
    }
    // Announced like any change: a lookup of its id or slug that began before it existed is then
    // neither kept nor shared with a request that comes after (src/platform/shared-reads.ts).
    await dropCaches(created.id);
    return created;
  }

  /** Checks the rules that depend on the realm's users, and keeps their unique email keys in step. */
  async function applyUserRules(trx: Kysely<Schema>, before: Realm, after: Realm, changed: string[]): Promise<void> {
    if (changed.some((field) => field.startsWith('tenant_policy')) && (await realmStore.hasUsers(trx, before.id))) {
      throw new AppError('realm.has_users', 'tenant_policy cannot change while the realm has users.', {
        details: [{ field: 'tenant_policy', issue: 'cannot change while the realm has users' }],
      });
    }
    if (!changed.includes('users.require_unique_emails')) return;
    if (after.users.require_unique_emails) {
      const duplicates = await realmStore.countDuplicateEmails(trx, before.id);
      if (duplicates > 0) throw duplicateEmails(duplicates);
    }
    await realmStore.setEmailKeys(trx, before.id, after.users.require_unique_emails);
  }

  /** An inactive realm refuses sign-in and its sessions end, each with its own 1312 event. */
  async function endSessions(trx: Kysely<Schema>, realm: Realm, actor: Actor): Promise<void> {
    const revoked = await sessionStore.revokeAllInRealm(trx, realm.id, 'realm_inactive', clock.now());
    for (const session of revoked) {
      await events.record(trx, { realmId: realm.id, type: 'user.logged_out.realm_inactive', actor, userId: session.user_id, details: { session_id: session.id } });
    }
  }

  /** Rotates the realm's keys inside the caller's transaction (which holds the realm's lock), with its event. */
  async function rotateRecorded(trx: Kysely<Schema>, realm: Realm, actor: Actor, key?: PreparedKey): Promise<void> {
    const rotation = await keys.rotate(trx, realm, key);
    await events.record(trx, { realmId: realm.id, type: 'realm.keys_rotated', actor, details: { kid: rotation.key.kid, retired: rotation.retired } });
  }

  async function update(ref: string, patch: RealmInput, actor: Actor): Promise<Realm> {
    const current = await get(ref);
    const algorithm = patch.tokens?.algorithm;
    const key = algorithm && algorithm !== current.tokens.algorithm ? await keys.prepare(algorithm) : undefined;
    try {
      const realm = await db.transaction().execute(async (trx) => {
        const before = await lockOrThrow(trx, current.id);
        if (before.is_system && patch.state === 'inactive') throw isProtected('made inactive');
        if (before.is_system && patch.slug !== undefined && patch.slug !== before.slug) throw isProtected('given another slug');
        const edited = applyPatch(editableOf(before), patch);
        // HS256 has no public key, so no OpenID Connect provider: no operator could sign in to the console (found by review).
        if (before.is_system && edited.tokens.algorithm === 'HS256' && before.tokens.algorithm !== 'HS256') throw isProtected('signed with HS256 (the console signs operators in through OpenID Connect, which needs a key pair)');
        validateEditable(edited);
        const changed = changedFields(editableOf(before), edited);
        if (changed.length === 0) return before;
        const after: Realm = { ...before, ...edited, version: before.version + 1, updated_at: clock.now(), updated_by: actor.id };
        await applyUserRules(trx, before, after, changed);
        await deps.checkReferences?.(trx, after, changed);
        await realmStore.update(trx, after);
        await events.record(trx, { realmId: after.id, type: 'realm.updated', actor, details: { changed } });
        if (changed.includes('tokens.algorithm')) await rotateRecorded(trx, after, actor, key);
        if (before.state === 'active' && after.state === 'inactive') await endSessions(trx, after, actor);
        return after;
      });
      await dropCaches(realm.id);
      return realm;
    } catch (error) {
      throw conflictOf(error, patch.slug);
    }
  }

  /** The realm as a change would make it, checked as `update` checks it but not stored: what a preview shows. */
  async function preview(ref: string, patch: RealmInput): Promise<Realm> {
    const current = await get(ref);
    const edited = applyPatch(editableOf(current), patch);
    validateEditable(edited);
    return { ...current, ...edited };
  }

  async function remove(ref: string, actor: Actor): Promise<void> {
    const logRealmId = await systemId();
    const realm = await db.transaction().execute(async (trx) => {
      const realm = await lockOrThrow(trx, ref);
      if (realm.is_system) throw isProtected('deleted');
      await realmStore.remove(trx, realm.id);
      await deps.forgetDeleted?.(trx, realm.id);
      // The realm's own log goes with it, so the deletion is recorded in the admin realm's log.
      await events.record(trx, { realmId: logRealmId, type: 'realm.deleted', actor, details: { realm_id: realm.id, slug: realm.slug, name: realm.name } });
      return realm;
    });
    await dropCaches(realm.id);
  }

  /**
   * Starts clearing the realm's content and answers at once; `done` settles when the work ends
   * (failures go to onBackgroundError, so it never rejects).
   */
  async function reset(ref: string, options: Partial<ResetOptions>, actor: Actor): Promise<{ realm: Realm; done: Promise<void> }> {
    const realm = await get(ref);
    if (realm.is_system) throw isProtected('reset');
    const chosen: ResetOptions = { users: options.users ?? true, events: options.events ?? true };
    // Deleted sessions' and users' tokens stop as soon as that deletion committed, in every process,
    // not only when the whole reset ends; and again at the end, even a failed end, since whatever
    // was deleted before the failure is gone all the same.
    const signedOut = () => dropCaches(realm.id).catch(onBackgroundError);
    const done = resetRealmContent({ db, events }, realm.id, chosen, actor, signedOut)
      .finally(() => dropCaches(realm.id))
      .catch(onBackgroundError);
    return { realm, done };
  }

  async function rotateKeys(ref: string, actor: Actor): Promise<Page<KeyMetadata>> {
    const current = await get(ref);
    const key = await keys.prepare(current.tokens.algorithm);
    await db.transaction().execute(async (trx) => rotateRecorded(trx, await lockOrThrow(trx, current.id), actor, key));
    // Every process, not only this one: another's published key set would lack the new key (which
    // this one signs with at once) until its copy ran out.
    await dropCaches(current.id);
    return keys.list(current.id);
  }

  /**
   * Revokes a retired signing key at once (a key thought leaked): tokens it signed stop verifying
   * on every instance, the provider's key set drops it, and nothing else changes (sessions and
   * refresh tokens stay, and their next tokens carry the active key).
   */
  async function revokeKey(ref: string, kid: string, actor: Actor): Promise<void> {
    const current = await get(ref);
    await db.transaction().execute(async (trx) => {
      const realm = await lockOrThrow(trx, current.id);
      const outcome = await keys.revoke(trx, realm.id, kid);
      if (outcome === 'missing') throw new AppError('realm.key_not_found', `The realm has no signing key ${kid}.`);
      if (outcome === 'active') throw new AppError('realm.key_active', `${kid} is the realm's active key: rotate first, then revoke it.`);
      await events.record(trx, { realmId: realm.id, type: 'realm.key_revoked', actor, details: { kid } });
    });
    await dropCaches(current.id);
  }

  async function listKeys(ref: string, page?: PageRequest): Promise<Page<KeyMetadata>> {
    return keys.list((await get(ref)).id, page);
  }

  function list(filter: RealmListFilter, page: PageRequest, visibleIds?: readonly string[]): Promise<Page<Realm>> {
    const { sort = 'name', direction = 'asc', ...where } = filter;
    return realmStore.list(db, where, { sort, direction }, page, visibleIds);
  }

  return { create, get, list, update, preview, remove, reset, rotateKeys, revokeKey, listKeys, ensureSystemRealm };
}

export type RealmService = ReturnType<typeof createRealmService>;
