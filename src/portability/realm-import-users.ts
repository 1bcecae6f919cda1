/**
 * A realm document's users: each record checked (its own shape, then its profile as `POST …/users`
 * checks one), and what comes with it written beside it in its batch's transaction — second
 * factors (seeds re-sealed under this server's master key), passkeys, roles held, tenant
 * memberships and linked identities, their references mapped to the new realm's ids.
 */
import type { Kysely } from 'kysely';
import { settleRoles } from '../authorization/tenant.ts';
import { AppError } from '../errors.ts';
import { isId, newId } from '../platform/ids.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import { bulkInsert } from '../storage/bulk-insert.ts';
import { writeJson } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';
import { USERS_PER_BATCH, type BulkUserWriter, type ImportCandidate, type WrittenUser } from './bulk-user-writer.ts';
import { userRecordProblem, type UserEntry } from './realm-document.ts';
import type { DocumentPart } from './sources/json-document.ts';
import type { RowFailure } from './bulk-user-writer.ts';
import { recordFailure, type UserRowCheck } from './user-stream-import.ts';
import type { Actor, RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import { oneLine } from '../platform/display-text.ts';

/** The profile fields of a user record: what `POST …/users` takes (no plain password). */
const PROFILE = ['username', 'email', 'email_verified', 'mobile', 'mobile_verified', 'first_name', 'middle_name', 'last_name', 'display_name', 'state', 'user_type', 'tags', 'custom', 'access', 'access_token_minutes', 'password_hash'] as const;

export interface UserImportContext {
  realmId: string;
  keepIds: boolean;
  idOf: (kind: 'role' | 'tenant' | 'provider', exported: string) => string | undefined;
  /** The document's role slugs: a tenant membership's roles must be among them, as the API requires. */
  roleSlugs: ReadonlySet<string>;
  openExported?: (sealed: string) => string;
  secrets: SecretBox;
  checkUser: UserRowCheck;
}

/** The candidate for the bulk writer, or why the record is refused. */
export function candidateOf(ctx: UserImportContext, value: unknown, row: number): { candidate: ImportCandidate; record: UserEntry } | { failure: RowFailure } {
  const problem = userRecordProblem(value);
  if (problem) return { failure: { row, code: 'import.unreadable_row', message: `The user record ${problem}.` } };
  const given = value as UserEntry;
  // Second-factor seeds are opened here, before any write, so a dry run finds a damaged one too;
  // the record then holds them open until its batch seals them under this server's key.
  const open = ctx.openExported;
  const record = open ? { ...given, factors: given.factors.map((factor) => ({ ...factor, secret: open(factor.secret) })) } : given;
  if (ctx.keepIds && (!isId('usr', record.id) || record.identities.some((identity) => !isId('lid', identity.id)))) {
    return { failure: { row, code: 'import.unreadable_row', message: 'With kept ids, the user and its linked identities need ids of this server\'s form (usr_…, lid_…).' } };
  }
  requireReferences(ctx, record);
  const profile = Object.fromEntries(PROFILE.filter((field) => record[field] !== undefined && !(field === 'password_hash' && record[field] === null)).map((field) => [field, record[field]]));
  const checked = ctx.checkUser(profile);
  if (!checked.ok) return { failure: { row, code: checked.code, message: checked.message } };
  return {
    record,
    candidate: {
      row,
      input: checked.input,
      ...(ctx.keepIds ? { id: record.id } : {}),
      // The lock's reason is kept as exported, but as one line as the API has it (it is shown in terminals and pages).
      kept: { locked: record.locked, locked_reason: record.locked_reason && oneLine(record.locked_reason), signed_up: record.signed_up, last_login_at: record.last_login_at, created_at: record.created_at },
    },
  };
}

/** A user naming a role, tenant or provider the document does not hold makes the whole document bad (in a dry run too). */
function requireReferences(ctx: UserImportContext, record: UserEntry): void {
  const references: ['role' | 'tenant' | 'provider', string][] = [
    ...record.roles.map((held) => ['role', held.role_id] as ['role', string]),
    ...record.tenants.map((member) => ['tenant', member.tenant_id] as ['tenant', string]),
    ...record.identities.map((identity) => ['provider', identity.provider_id] as ['provider', string]),
  ];
  const missing = references.find(([kind, id]) => ctx.idOf(kind, id) === undefined);
  if (missing) throw new AppError('import.malformed_document', `The user ${record.id} refers to ${missing[0]} ${missing[1]}, which the document does not hold.`);
  // Found by review: the API refuses a membership role the realm has not (tenant.invalid_roles),
  // and more than a membership may hold; so does an import.
  const unknownRole = record.tenants.flatMap((member) => member.roles).find((slug) => !ctx.roleSlugs.has(slug));
  if (unknownRole !== undefined) throw new AppError('import.malformed_document', `The user ${record.id} has the tenant role ${unknownRole}, which the document does not hold.`);
  for (const member of record.tenants) {
    try {
      settleRoles(member.roles);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError('import.malformed_document', `The user ${record.id}'s roles in tenant ${member.tenant_id}: ${error.message}`);
    }
  }
  const twice = (ids: string[]) => new Set(ids).size !== ids.length;
  if (twice(record.roles.map((held) => held.role_id)) || twice(record.tenants.map((member) => member.tenant_id)) || twice(record.identities.map((i) => `${i.provider_id} ${i.subject}`))) {
    throw new AppError('import.malformed_document', `The user ${record.id} holds one role, tenant or linked identity twice.`);
  }
}

const mapped = (ctx: UserImportContext, kind: 'role' | 'tenant' | 'provider', exported: string) => ctx.idOf(kind, exported) as string;

/** Writes what comes with each written user, in the batch's transaction. */
export async function writeUserExtras(ctx: UserImportContext, trx: Kysely<Schema>, written: WrittenUser[], records: Map<number, UserEntry>): Promise<void> {
  const factors: Record<string, unknown>[] = [];
  const passkeys: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  const memberships: Record<string, unknown>[] = [];
  const identities: Record<string, unknown>[] = [];
  for (const { candidate, user } of written) {
    const record = records.get(candidate.row);
    if (!record) continue;
    const base = { realm_id: ctx.realmId, user_id: user.id };
    // Every column named: nothing of the document may set a row's realm or user.
    // Without the passphrase the seeds stay behind: factors come only with their opened secrets (candidateOf).
    if (ctx.openExported) {
      for (const f of record.factors) {
        factors.push({
          id: newId('fac'),
          ...base,
          type: f.type,
          name: oneLine(f.name),
          state: f.state,
          secret_sealed: ctx.secrets.seal(f.secret),
          digits: f.digits,
          period: f.period,
          algorithm: f.algorithm,
          counter: f.counter,
          last_used_step: f.last_used_step,
          resync_counter: f.resync_counter,
          resync_until: f.resync_until,
          created_at: f.created_at,
          confirmed_at: f.confirmed_at,
          last_used_at: f.last_used_at,
        });
      }
    }
    for (const p of record.passkeys) {
      passkeys.push({
        id: newId('pk'),
        ...base,
        credential_id: p.credential_id,
        public_key: p.public_key,
        sign_count: p.sign_count,
        transports: writeJson(p.transports),
        aaguid: p.aaguid,
        backed_up: p.backed_up,
        device_type: p.device_type,
        name: oneLine(p.name),
        created_at: p.created_at,
        last_used_at: p.last_used_at,
      });
    }
    for (const held of record.roles) roles.push({ ...base, role_id: mapped(ctx, 'role', held.role_id), starts_at: held.starts_at, ends_at: held.ends_at, created_at: held.created_at, created_by: null });
    for (const member of record.tenants) {
      memberships.push({ ...base, tenant_id: mapped(ctx, 'tenant', member.tenant_id), roles: writeJson(settleRoles(member.roles)), created_at: member.created_at, updated_at: member.created_at });
    }
    for (const identity of record.identities) {
      identities.push({ ...base, id: ctx.keepIds ? identity.id : newId('lid'), provider_id: mapped(ctx, 'provider', identity.provider_id), subject: identity.subject, email: identity.email, created_at: identity.created_at, last_used_at: identity.last_used_at });
    }
  }
  await bulkInsert(trx, 'user_factors', factors);
  await bulkInsert(trx, 'webauthn_credentials', passkeys);
  await bulkInsert(trx, 'role_assignments', roles);
  await bulkInsert(trx, 'tenant_memberships', memberships);
  await bulkInsert(trx, 'user_identities', identities);
}

export interface UsersReport {
  rows: number;
  created: number;
  failed: number;
  failures: RowFailure[];
  failures_truncated: boolean;
}

/** The document's remaining parts, which must all be users: read, checked and written a batch at a time. */
export async function importDocumentUsers(
  ctx: UserImportContext & { writer: BulkUserWriter; unstorable: (value: unknown) => string[] },
  realm: Realm,
  parts: AsyncIterator<DocumentPart>,
  first: IteratorResult<DocumentPart>,
  run: { dryRun: boolean; actor: Actor; origin: RequestOrigin },
  users: UsersReport,
): Promise<void> {
  const fail = recordFailure(users);
  let batch: ImportCandidate[] = [];
  let records = new Map<number, UserEntry>();
  const flush = async () => {
    if (batch.length === 0) return;
    const written = records;
    const result = await ctx.writer.write(realm, batch, run.actor, run.origin, { dryRun: run.dryRun, alongside: (trx, rows) => writeUserExtras(ctx, trx, rows, written) });
    users.created += result.written.length;
    result.failed.forEach(fail);
    batch = [];
    records = new Map();
  };
  for (let part = first; !part.done; part = await parts.next()) {
    if (part.value.key !== 'users' || !part.value.element) throw new AppError('import.malformed_document', `The document's users must be its last member (${part.value.key} follows them).`);
    users.rows++;
    const unstorable = ctx.unstorable(part.value.value);
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
  if (!run.dryRun) await ctx.writer.loaded(users.created);
}
