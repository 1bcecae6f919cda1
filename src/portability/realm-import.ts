/**
 * Creates a realm from a realm document (src/portability/realm-export.ts) as it streams in. The
 * sections before `users` are read whole and checked; then the realm and its collections are
 * written in one transaction, and the users a batch at a time by the bulk writer. A dry run reads
 * and checks everything and writes nothing; it reports what would conflict. If the document turns
 * out bad part way, the realm made so far is deleted: an import creates a whole realm or none.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId, type IdPrefix } from '../platform/ids.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { RealmKeyRing } from '../realms/key-ring.ts';
import { initialEditable, validateEditable, type NewRealmInput } from '../realms/realm-settings.ts';
import { realmStore } from '../realms/realm-store.ts';
import type { Realm } from '../realms/realm.ts';
import type { DialectName } from '../storage/database.ts';
import type { Schema } from '../storage/schema.ts';
import { USERS_PER_BATCH, type BulkUserWriter, type ImportCandidate, type RowFailure } from './bulk-user-writer.ts';
import { openPassphraseBox } from './passphrase-box.ts';
import { checkSection, REALM_EXPORT_FORMAT, type ApplicationEntry, type ProviderEntry, type RoleEntry, type SigningKeyEntry, type TemplateEntry, type TenantEntry, type UserEntry } from './realm-document.ts';
import { writeApplications, writeProviders, writeRoles, writeSigningKeys, writeTemplates, writeTenants, type SectionContext } from './realm-import-sections.ts';
import { candidateOf, writeUserExtras, type UserImportContext } from './realm-import-users.ts';
import { documentParts } from './sources/json-document.ts';
import type { ByteStream } from './sources/source.ts';
import { MAX_REPORTED_FAILURES, type UserRowCheck } from './user-stream-import.ts';

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
  users: { rows: number; created: number; failed: number; failures: RowFailure[]; failures_truncated: boolean };
}

export interface RealmImportDeps {
  db: Kysely<Schema>;
  dialect: DialectName;
  clock: Clock;
  events: EventLog;
  secrets: SecretBox;
  keys: RealmKeyRing;
  writer: BulkUserWriter;
  maxRealms: number;
  /** The realm section checked as `POST /admin/v1/realms` checks a body (src/http/routes). */
  checkRealm: (value: Record<string, unknown>) => NewRealmInput;
  checkUser: UserRowCheck;
  /** Where a value holds text no database may store (NUL, unpaired surrogates): the fields' paths, or none. */
  unstorable: (value: unknown) => string[];
  /** The realm's settings that name its roles and tenants (default roles, the `selected` tenant), checked once they exist. */
  checkReferences: (trx: Kysely<Schema>, realm: Realm) => Promise<void>;
}

interface Header {
  format?: string;
  secrets?: Parameters<typeof openPassphraseBox>[1] | null;
  realm?: { id: string; created_at: number } & Record<string, unknown>;
  signing_keys?: SigningKeyEntry[];
  templates?: TemplateEntry[];
  roles?: RoleEntry[];
  tenants?: TenantEntry[];
  applications?: ApplicationEntry[];
  identity_providers?: ProviderEntry[];
}

const PREFIXES: Record<'role' | 'tenant' | 'provider' | 'key', IdPrefix> = { role: 'rol', tenant: 'tnt', provider: 'idp', key: 'key' };

export function createRealmImport(deps: RealmImportDeps) {
  const { db, clock } = deps;

  /** The new realm, checked, and what would stop it being created. */
  async function plan(header: Header, options: RealmImportOptions, actor: Actor) {
    if (header.format !== REALM_EXPORT_FORMAT || !header.realm) throw new AppError('import.malformed_document', `The document is not a ${REALM_EXPORT_FORMAT} realm export (its format and realm come first).`);
    const { id: exportedId, created_at: _created, ...settings } = header.realm;
    const input = deps.checkRealm({ ...settings, ...(options.slug ? { slug: options.slug } : {}) });
    const editable = initialEditable(input);
    validateEditable(editable);
    const now = clock.now();
    const realm: Realm = { ...editable, id: options.ids === 'keep' ? exportedId : newId('rl'), is_system: false, created_at: now, created_by: actor.id, updated_at: now, updated_by: actor.id, version: 1 };
    const conflicts: string[] = [];
    if (await realmStore.find(db, realm.id)) conflicts.push(`realm id ${realm.id} is taken`);
    if (await realmStore.find(db, realm.slug)) conflicts.push(`realm slug ${realm.slug} is taken`);
    return { realm, conflicts };
  }

  /** Exported ids to this realm's ids: the same when kept, else new ones made once each. */
  function idMap(header: Header, keep: boolean) {
    const map = new Map<string, string>();
    const add = (kind: keyof typeof PREFIXES, ids: string[]) => ids.forEach((id) => map.set(`${kind}:${id}`, keep ? id : newId(PREFIXES[kind])));
    add('role', (header.roles ?? []).map((r) => r.id));
    add('tenant', (header.tenants ?? []).map((t) => t.id));
    add('provider', (header.identity_providers ?? []).map((p) => p.id));
    add('key', (header.signing_keys ?? []).map((k) => k.id));
    return (kind: keyof typeof PREFIXES, exported: string) => map.get(`${kind}:${exported}`);
  }

  /** Settings that name a tenant by its exported id name it by its new one. */
  function withMappedReferences(realm: Realm, idOf: ReturnType<typeof idMap>): Realm {
    const policy = realm.tenant_policy;
    if (policy.type !== 'selected') return realm;
    return { ...realm, tenant_policy: { type: 'selected', tenant: idOf('tenant', policy.tenant) ?? policy.tenant } };
  }

  async function createRealm(realm: Realm, header: Header, ctx: Omit<SectionContext, 'trx'>, actor: Actor, origin: RequestOrigin): Promise<void> {
    const key = header.signing_keys?.length && ctx.openExported ? undefined : await deps.keys.prepare(realm.tokens.algorithm);
    await db.transaction().execute(async (trx) => {
      const system = await realmStore.findSystem(trx);
      if (system) await realmStore.lock(trx, deps.dialect, system.id);
      if ((await realmStore.countNonSystem(trx)) >= deps.maxRealms) {
        throw new AppError('realm.limit_reached', `This server allows at most ${deps.maxRealms} realms: delete one or raise KEYREALM_MAX_REALMS.`);
      }
      await realmStore.insert(trx, realm);
      const section = { ...ctx, trx };
      if (key) await deps.keys.generate(trx, realm.id, key);
      else await writeSigningKeys(section, header.signing_keys ?? []);
      await writeTemplates(section, header.templates ?? []);
      await writeRoles(section, header.roles ?? []);
      await writeTenants(section, header.tenants ?? []);
      await writeApplications(section, header.applications ?? []);
      await writeProviders(section, header.identity_providers ?? []);
      await deps.checkReferences(trx, realm);
      await deps.events.record(trx, { realmId: realm.id, type: 'realm.created', actor, origin, details: { slug: realm.slug, name: realm.name, imported: true } });
    });
  }

  return {
    async importRealm(body: ByteStream, options: RealmImportOptions, actor: Actor, origin: RequestOrigin): Promise<RealmImportReport> {
      const parts = documentParts(body, new Set(['users']))[Symbol.asyncIterator]();
      const header: Header = {};
      let next = await parts.next();
      for (; !next.done && next.value.key !== 'users'; next = await parts.next()) {
        checkSection(next.value.key, next.value.value);
        const unstorable = deps.unstorable(next.value.value);
        if (unstorable.length > 0) throw new AppError('import.malformed_document', `The document's ${next.value.key} holds text that cannot be stored (NUL or an unpaired surrogate) at ${unstorable.slice(0, 3).join(', ')}.`);
        (header as Record<string, unknown>)[next.value.key] = next.value.value;
      }
      const { realm: planned, conflicts } = await plan(header, options, actor);
      const idOf = idMap(header, options.ids === 'keep');
      const realm = withMappedReferences(planned, idOf);
      const exportedBox = header.secrets && options.passphrase !== undefined ? await openPassphraseBox(options.passphrase, header.secrets) : undefined;
      if (header.secrets && !exportedBox) throw new AppError('import.passphrase_required', 'This export holds sealed secrets: give its passphrase (the keyrealm-export-passphrase header).');
      const openExported = exportedBox
        ? (sealed: string) => {
            try {
              return exportedBox.open(sealed);
            } catch {
              throw new AppError('import.malformed_document', 'A sealed secret of the document cannot be opened: it was changed after the export.');
            }
          }
        : undefined;
      const ctx = { realmId: realm.id, at: clock.now(), by: actor.id, idOf: (kind: keyof typeof PREFIXES, id: string) => idOf(kind, id) ?? id, openExported, secrets: deps.secrets };
      if (conflicts.length > 0 && !options.dryRun) throw new AppError('import.conflict', `The realm cannot be created: ${conflicts.join('; ')}.`);
      if (!options.dryRun) await createRealm(realm, header, ctx, actor, origin);

      const report: RealmImportReport = {
        dry_run: options.dryRun,
        realm: { id: realm.id, slug: realm.slug },
        conflicts,
        imported: {
          signing_keys: openExported ? (header.signing_keys?.length ?? 0) : 0,
          templates: header.templates?.length ?? 0,
          roles: header.roles?.length ?? 0,
          tenants: header.tenants?.length ?? 0,
          applications: header.applications?.length ?? 0,
          identity_providers: header.identity_providers?.length ?? 0,
        },
        users: { rows: 0, created: 0, failed: 0, failures: [], failures_truncated: false },
      };
      try {
        await importUsers(realm, parts, next, { ...ctx, keepIds: options.ids === 'keep', idOf, checkUser: deps.checkUser }, options.dryRun, report, actor, origin);
      } catch (error) {
        if (!options.dryRun) await db.transaction().execute((trx) => realmStore.remove(trx, realm.id));
        throw error;
      }
      return report;
    },
  };

  async function importUsers(
    realm: Realm,
    parts: AsyncIterator<{ key: string; value: unknown; element: boolean }>,
    first: IteratorResult<{ key: string; value: unknown; element: boolean }>,
    ctx: UserImportContext,
    dryRun: boolean,
    report: RealmImportReport,
    actor: Actor,
    origin: RequestOrigin,
  ): Promise<void> {
    const users = report.users;
    const fail = (failure: RowFailure) => {
      users.failed++;
      if (users.failures.length < MAX_REPORTED_FAILURES) users.failures.push(failure);
      else users.failures_truncated = true;
    };
    let batch: ImportCandidate[] = [];
    let records = new Map<number, UserEntry>();
    const flush = async () => {
      if (batch.length === 0) return;
      const written = records;
      const result = await deps.writer.write(realm, batch, actor, origin, { dryRun, alongside: (trx, rows) => writeUserExtras(ctx, trx, rows, written) });
      users.created += result.written.length;
      result.failed.sort((a, b) => a.row - b.row).forEach(fail);
      batch = [];
      records = new Map();
    };
    for (let part = first; !part.done; part = await parts.next()) {
      if (part.value.key !== 'users' || !part.value.element) throw new AppError('import.malformed_document', `The document's users must be its last member (${part.value.key} follows them).`);
      users.rows++;
      const unstorable = deps.unstorable(part.value.value);
      if (unstorable.length > 0) {
        fail({ row: users.rows, code: 'request.validation_failed', message: `${unstorable[0]} must not contain NUL characters or unpaired UTF-16 surrogates.` });
        continue;
      }
      const made = candidateOf(ctx, part.value.value, users.rows);
      if ('failure' in made) {
        fail(made.failure);
        continue;
      }
      batch.push(made.candidate);
      records.set(made.candidate.row, made.record);
      if (batch.length >= USERS_PER_BATCH) await flush();
    }
    await flush();
  }
}

export type RealmImport = ReturnType<typeof createRealmImport>;
