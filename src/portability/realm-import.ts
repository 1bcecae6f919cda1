/**
 * Creates a realm from a realm document (src/portability/realm-export.ts) as it streams in. The
 * sections before `users` are read whole and checked — the same checks in a dry run as in a real
 * one; then the realm and its collections are written in one transaction, switched off while its
 * users are written a batch at a time by the bulk writer, and switched to the document's state at
 * the end. If the document turns out bad part way, the realm made so far is deleted: an import
 * creates a whole realm or none (a server that dies part way leaves it switched off).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { isId, newId, type IdPrefix } from '../platform/ids.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { RealmKeyRing } from '../realms/key-ring.ts';
import { initialEditable, validateEditable, type NewRealmInput } from '../realms/realm-settings.ts';
import { claimRealmSlot } from '../realms/realm-slots.ts';
import { realmStore } from '../realms/realm-store.ts';
import type { Realm } from '../realms/realm.ts';
import type { DialectName } from '../storage/database.ts';
import { uniqueViolation } from '../storage/database.ts';
import type { Schema } from '../storage/schema.ts';
import type { BulkUserWriter } from './bulk-user-writer.ts';
import { openPassphraseBox, type PassphraseDerivation } from './passphrase-box.ts';
import { checkSection, REALM_EXPORT_FORMAT } from './realm-document.ts';
import { settleSections, writeSections, type DocumentSections, type SettledSections } from './realm-import-sections.ts';
import { importDocumentUsers, type UsersReport } from './realm-import-users.ts';
import { documentParts, type DocumentPart } from './sources/json-document.ts';
import type { ByteStream } from './sources/source.ts';
import type { UserRowCheck } from './user-stream-import.ts';

export interface RealmImportOptions {
  ids: 'new' | 'keep';
  dryRun: boolean;
  /** Instead of the document's slug (a copy beside the original on one server). */
  slug?: string;
  passphrase?: string;
}

export interface RealmImportReport {
  dry_run: boolean;
  realm: { id: string; slug: string };
  conflicts: string[];
  imported: { signing_keys: number; templates: number; roles: number; tenants: number; applications: number; identity_providers: number };
  users: UsersReport;
}

export interface RealmImportDeps {
  db: Kysely<Schema>;
  dialect: DialectName;
  clock: Clock;
  events: EventLog;
  secrets: SecretBox;
  hashing: PassphraseDerivation['hashing'];
  keys: RealmKeyRing;
  writer: BulkUserWriter;
  invalidation: InvalidationPublisher;
  maxRealms: number;
  /** The realm section checked as `POST /admin/v1/realms` checks a body (src/http/routes). */
  checkRealm: (value: Record<string, unknown>) => NewRealmInput;
  checkUser: UserRowCheck;
  /** Where a value holds text no database may store (NUL, unpaired surrogates): the fields' paths, or none. */
  unstorable: (value: unknown) => string[];
  /** The realm's settings that name its roles and tenants (default roles, the `selected` tenant), checked once they exist. */
  checkReferences: (trx: Kysely<Schema>, realm: Realm) => Promise<void>;
  /**
   * Inside the transaction that takes a failed import's realm away: what names it elsewhere goes
   * too (operators' grants given while its users were loading), as a deletion does.
   */
  forgetDeleted: (trx: Kysely<Schema>, realmId: string) => Promise<void>;
}

type Header = DocumentSections & { format?: string; secrets?: Parameters<typeof openPassphraseBox>[1] | null; realm?: { id: string; created_at: number } & Record<string, unknown> };
type Kind = 'role' | 'tenant' | 'provider' | 'key';
const PREFIXES: Record<Kind, IdPrefix> = { role: 'rol', tenant: 'tnt', provider: 'idp', key: 'key' };

/** Exported ids to this realm's ids: the same when kept (which must then be of this server's form), else new ones made once each. */
function idMap(header: Header, keep: boolean) {
  const map = new Map<string, string>();
  const add = (kind: Kind, ids: string[]) =>
    ids.forEach((id) => {
      if (keep && !isId(PREFIXES[kind], id)) throw new AppError('import.malformed_document', `With kept ids, the ${kind} id ${id} must be of this server's form (${PREFIXES[kind]}_…).`);
      map.set(`${kind}:${id}`, keep ? id : newId(PREFIXES[kind]));
    });
  add('role', (header.roles ?? []).map((r) => r.id));
  add('tenant', (header.tenants ?? []).map((t) => t.id));
  add('provider', (header.identity_providers ?? []).map((p) => p.id));
  add('key', (header.signing_keys ?? []).map((k) => k.id));
  return (kind: Kind, exported: string) => map.get(`${kind}:${exported}`);
}

export function createRealmImport(deps: RealmImportDeps) {
  const { db, clock } = deps;

  /** The new realm, checked; a settings reference to a tenant by its exported id names the new one. */
  function planRealm(header: Header, options: RealmImportOptions, idOf: ReturnType<typeof idMap>, actor: Actor): Realm {
    if (header.format !== REALM_EXPORT_FORMAT || !header.realm) throw new AppError('import.malformed_document', `The document is not a ${REALM_EXPORT_FORMAT} realm export (its format and realm come first).`);
    const { id: exportedId, created_at: _created, ...settings } = header.realm;
    if (options.ids === 'keep' && !isId('rl', exportedId)) throw new AppError('import.malformed_document', `With kept ids, the realm id ${exportedId} must be of this server's form (rl_…).`);
    const editable = initialEditable(deps.checkRealm({ ...settings, ...(options.slug ? { slug: options.slug } : {}) }));
    validateEditable(editable);
    const policy = editable.tenant_policy;
    const tenantPolicy = policy.type === 'selected' ? { type: 'selected' as const, tenant: idOf('tenant', policy.tenant) ?? policy.tenant } : policy;
    const now = clock.now();
    return { ...editable, tenant_policy: tenantPolicy, id: options.ids === 'keep' ? exportedId : newId('rl'), is_system: false, created_at: now, created_by: actor.id, updated_at: now, updated_by: actor.id, version: 1 };
  }

  /** What would stop the realm being created here. */
  async function conflictsOf(realm: Realm, settled: SettledSections, idOf: ReturnType<typeof idMap>): Promise<string[]> {
    const conflicts: string[] = [];
    const taken = await db
      .selectFrom('realms')
      .select(['id', 'slug'])
      .where((eb) => eb.or([eb('id', '=', realm.id), eb('slug', '=', realm.slug)]))
      .execute();
    if (taken.some((row) => row.id === realm.id)) conflicts.push(`realm id ${realm.id} is taken`);
    if (taken.some((row) => row.slug === realm.slug)) conflicts.push(`realm slug ${realm.slug} is taken`);
    const keyIds = (settled.keys ?? []).map(({ key }) => idOf('key', key.id) as string);
    if (keyIds.length > 0) for (const row of await db.selectFrom('signing_keys').select('id').where('id', 'in', keyIds).execute()) conflicts.push(`signing key id ${row.id} is taken`);
    return conflicts;
  }

  async function createRealm(realm: Realm, settled: SettledSections, idOf: ReturnType<typeof idMap>, actor: Actor, origin: RequestOrigin): Promise<void> {
    const key = settled.keys ? undefined : await deps.keys.prepare(realm.tokens.algorithm);
    try {
      await db.transaction().execute(async (trx) => {
        const system = await realmStore.findSystem(trx);
        if (!system) throw new Error('the server has no admin realm');
        await claimRealmSlot(trx, deps.dialect, system.id, deps.maxRealms);
        // Switched off until its users are in: nobody signs in to half a realm.
        await realmStore.insert(trx, { ...realm, state: 'inactive' });
        if (key) await deps.keys.generate(trx, realm.id, key);
        await writeSections(trx, { realmId: realm.id, at: clock.now(), by: actor.id, secrets: deps.secrets, idOf: (kind, id) => idOf(kind, id) ?? id }, settled);
        await deps.checkReferences(trx, realm);
        await deps.events.record(trx, { realmId: realm.id, type: 'realm.created', actor, origin, details: { slug: realm.slug, name: realm.name, imported: true } });
      });
    } catch (error) {
      // Another import or creation took the id or slug since the check.
      if (uniqueViolation(error) !== undefined) throw new AppError('import.conflict', 'The realm cannot be created: its id, slug or a signing key id was taken meanwhile.');
      throw error;
    }
  }

  async function readHeader(parts: AsyncIterator<DocumentPart>) {
    const header: Header = {};
    let next = await parts.next();
    for (; !next.done && next.value.key !== 'users'; next = await parts.next()) {
      checkSection(next.value.key, next.value.value);
      const unstorable = deps.unstorable(next.value.value);
      if (unstorable.length > 0) throw new AppError('import.malformed_document', `The document's ${next.value.key} holds text that cannot be stored (NUL or an unpaired surrogate) at ${unstorable.slice(0, 3).join(', ')}.`);
      (header as Record<string, unknown>)[next.value.key] = next.value.value;
    }
    return { header, next };
  }

  async function opener(header: Header, passphrase: string | undefined, realmId: string) {
    if (!header.secrets) return undefined;
    if (passphrase === undefined) throw new AppError('import.passphrase_required', 'This export holds sealed secrets: give its passphrase (the keyrealm-export-passphrase header).');
    const box = await openPassphraseBox(passphrase, header.secrets, { hashing: deps.hashing, realmId });
    return (sealed: string) => {
      try {
        return box.open(sealed);
      } catch {
        throw new AppError('import.malformed_document', 'A sealed secret of the document cannot be opened: it was changed after the export.');
      }
    };
  }

  return {
    async importRealm(body: ByteStream, options: RealmImportOptions, actor: Actor, origin: RequestOrigin): Promise<RealmImportReport> {
      const parts = documentParts(body, { streamed: new Set(['users']) })[Symbol.asyncIterator]();
      const { header, next } = await readHeader(parts);
      const idOf = idMap(header, options.ids === 'keep');
      const realm = planRealm(header, options, idOf, actor);
      const openExported = await opener(header, options.passphrase, realm.id);
      const settled = settleSections(realm, header, { idOf: (kind, id) => idOf(kind, id) ?? id, openExported });
      const conflicts = await conflictsOf(realm, settled, idOf);
      if (conflicts.length > 0 && !options.dryRun) throw new AppError('import.conflict', `The realm cannot be created: ${conflicts.join('; ')}.`);
      const report: RealmImportReport = {
        dry_run: options.dryRun,
        realm: { id: realm.id, slug: realm.slug },
        conflicts,
        imported: {
          signing_keys: settled.keys?.length ?? 0,
          templates: settled.templates.length,
          roles: settled.roles.length,
          tenants: settled.tenants.length,
          applications: settled.applications.length,
          identity_providers: settled.providers.length,
        },
        users: { rows: 0, created: 0, failed: 0, failures: [], failures_truncated: false },
      };
      if (!options.dryRun) await createRealm(realm, settled, idOf, actor, origin);
      const userContext = { realmId: realm.id, keepIds: options.ids === 'keep', idOf, roleSlugs: new Set((header.roles ?? []).map((role) => role.slug)), openExported, secrets: deps.secrets, checkUser: deps.checkUser, writer: deps.writer, unstorable: deps.unstorable };
      try {
        await importDocumentUsers(userContext, realm, parts, next, { dryRun: options.dryRun, actor, origin }, report.users);
        if (!options.dryRun && realm.state !== 'inactive') await realmStore.update(db, realm);
      } catch (error) {
        if (!options.dryRun) {
          await db.transaction().execute(async (trx) => {
            await realmStore.remove(trx, realm.id);
            await deps.forgetDeleted(trx, realm.id);
          });
        }
        throw error;
      } finally {
        // Every instance drops what it may have cached of the realm (its switched-off state, or the realm itself).
        if (!options.dryRun) await deps.invalidation.publish({ realmId: realm.id });
      }
      return report;
    },
  };
}

export type RealmImport = ReturnType<typeof createRealmImport>;
