/**
 * A realm document's users: each record checked (its own shape, then its profile as `POST …/users`
 * checks one), and what comes with it written beside it in its batch's transaction — second
 * factors (seeds re-sealed under this server's master key), passkeys, roles held, tenant
 * memberships and linked identities, their references mapped to the new realm's ids.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { newId } from '../platform/ids.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import { bulkInsert } from '../storage/bulk-insert.ts';
import { writeJson } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';
import type { ImportCandidate, WrittenUser } from './bulk-user-writer.ts';
import { userRecordProblem, type UserEntry } from './realm-document.ts';
import type { RowFailure } from './bulk-user-writer.ts';
import type { UserRowCheck } from './user-stream-import.ts';

/** The profile fields of a user record: what `POST …/users` takes (no plain password). */
const PROFILE = ['username', 'email', 'email_verified', 'mobile', 'mobile_verified', 'first_name', 'middle_name', 'last_name', 'display_name', 'state', 'user_type', 'tags', 'custom', 'access', 'access_token_minutes', 'password_hash'] as const;

export interface UserImportContext {
  realmId: string;
  keepIds: boolean;
  idOf: (kind: 'role' | 'tenant' | 'provider', exported: string) => string | undefined;
  openExported?: (sealed: string) => string;
  secrets: SecretBox;
  checkUser: UserRowCheck;
}

/** The candidate for the bulk writer, or why the record is refused. */
export function candidateOf(ctx: UserImportContext, value: unknown, row: number): { candidate: ImportCandidate; record: UserEntry } | { failure: RowFailure } {
  const problem = userRecordProblem(value);
  if (problem) return { failure: { row, code: 'import.unreadable_row', message: `The user record ${problem}.` } };
  const record = value as UserEntry;
  const profile = Object.fromEntries(PROFILE.filter((field) => record[field] !== undefined && !(field === 'password_hash' && record[field] === null)).map((field) => [field, record[field]]));
  const checked = ctx.checkUser(profile);
  if (!checked.ok) return { failure: { row, code: checked.code, message: checked.message } };
  return {
    record,
    candidate: {
      row,
      input: checked.input,
      ...(ctx.keepIds ? { id: record.id } : {}),
      kept: { locked: record.locked, locked_reason: record.locked_reason, signed_up: record.signed_up, last_login_at: record.last_login_at, created_at: record.created_at },
    },
  };
}

function mapped(ctx: UserImportContext, kind: 'role' | 'tenant' | 'provider', exported: string, userId: string): string {
  const id = ctx.idOf(kind, exported);
  if (id === undefined) throw new AppError('import.malformed_document', `The user ${userId} refers to ${kind} ${exported}, which the document does not hold.`);
  return id;
}

/** Writes what comes with each written user, in the batch's transaction. */
export async function writeUserExtras(ctx: UserImportContext, trx: Kysely<Schema>, written: WrittenUser[], records: Map<number, UserEntry>): Promise<void> {
  const factors: Record<string, unknown>[] = [];
  const passkeys: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  const memberships: Record<string, unknown>[] = [];
  const identities: Record<string, unknown>[] = [];
  const open = ctx.openExported;
  for (const { candidate, user } of written) {
    const record = records.get(candidate.row);
    if (!record) continue;
    const base = { realm_id: ctx.realmId, user_id: user.id };
    if (open) for (const { secret, ...factor } of record.factors) factors.push({ id: newId('fac'), ...base, ...factor, secret_sealed: ctx.secrets.seal(open(secret)) });
    for (const passkey of record.passkeys) passkeys.push({ id: newId('pk'), ...base, ...passkey, transports: writeJson(passkey.transports) });
    for (const held of record.roles) roles.push({ ...base, role_id: mapped(ctx, 'role', held.role_id, record.id), starts_at: held.starts_at, ends_at: held.ends_at, created_at: held.created_at, created_by: null });
    for (const member of record.tenants) {
      memberships.push({ ...base, tenant_id: mapped(ctx, 'tenant', member.tenant_id, record.id), roles: writeJson(member.roles), created_at: member.created_at, updated_at: member.created_at });
    }
    for (const identity of record.identities) {
      identities.push({ ...base, id: ctx.keepIds ? identity.id : newId('lid'), provider_id: mapped(ctx, 'provider', identity.provider_id, record.id), subject: identity.subject, email: identity.email, created_at: identity.created_at, last_used_at: identity.last_used_at });
    }
  }
  await bulkInsert(trx, 'user_factors', factors);
  await bulkInsert(trx, 'webauthn_credentials', passkeys);
  await bulkInsert(trx, 'role_assignments', roles);
  await bulkInsert(trx, 'tenant_memberships', memberships);
  await bulkInsert(trx, 'user_identities', identities);
}
