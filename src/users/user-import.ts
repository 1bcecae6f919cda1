/**
 * Bulk import of users (typically with `password_hash` from another system). Every item is checked
 * under the realm's rules before any is written; then each valid item is created in its own
 * transaction, so a duplicate identifier fails only its own item. The answer says, by the items'
 * positions, which were created and why the others were not.
 */
import { AppError, invalidField, type ErrorCode, type ErrorDetail } from '../errors.ts';
import type { Actor, RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import { insertNewUser, newUserRecord, type NewUserDeps } from './new-user.ts';
import type { NewUserInput } from './user-fields.ts';
import type { UserWithSecret } from './user.ts';

export const importLimits = {
  maxUsers: 500,
  /**
   * The request body: 500 users with hashes and some custom data are a few hundred KiB, past the
   * server's general body limit (100 KiB by default), which is sized for one object.
   */
  maxBodyBytes: 4 * 1024 * 1024,
  /** Plain passwords in an import are hashed this many at a time (libuv's pool has four threads). */
  hashingConcurrency: 4,
} as const;

export interface ImportFailure {
  index: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

export interface ImportResult {
  created: { index: number; id: string }[];
  failed: ImportFailure[];
}

type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ImportFailure };

/** An AppError becomes the item's failure; anything else is a fault and propagates. */
async function attempt<T>(index: number, work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, failure: { index, code: error.code, message: error.message, details: error.details } };
  }
}

/** Runs `work` on every item, at most `limit` at a time, keeping the items' order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function importUsers(deps: NewUserDeps, realm: Realm, items: NewUserInput[], actor: Actor, origin: RequestOrigin): Promise<ImportResult> {
  if (items.length < 1 || items.length > importLimits.maxUsers) {
    throw invalidField('user.invalid', 'users', `must hold 1 to ${importLimits.maxUsers} users`);
  }
  const checked = await mapLimited(items, importLimits.hashingConcurrency, (item, index) => attempt(index, () => newUserRecord(deps, realm, item, actor)));
  const result: ImportResult = { created: [], failed: [] };
  for (const [index, outcome] of checked.entries()) {
    if (!outcome.ok) {
      result.failed.push(outcome.failure);
      continue;
    }
    const user: UserWithSecret = outcome.value;
    const written = await attempt(index, () => insertNewUser(deps, realm, user, actor, origin, { details: { imported: true } }));
    if (written.ok) result.created.push({ index, id: user.id });
    else result.failed.push(written.failure);
  }
  return result;
}
