/**
 * Writes imported users a batch at a time: each row is checked under the realm's rules and
 * against the identifiers already taken (in the realm and earlier in the batch) before anything
 * is written, then the batch's good rows go in one transaction of a few bulk statements, with
 * their tags and one `users.imported` event naming them (no version snapshots: see
 * userStore.insertMany). A refused row is reported by its place in the source and leaves nothing
 * behind. This is what makes an import of pre-hashed users fast; the
 * per-user path (src/users/user-import.ts) stays for plain passwords, which must be hashed.
 */
import type { Kysely } from 'kysely';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Realm } from '../realms/realm.ts';
import { uniqueViolation } from '../storage/database.ts';
import { MANY_ROWS, refreshPlannerStatistics } from '../storage/planner-statistics.ts';
import { presentKeys } from '../storage/present-keys.ts';
import type { Schema } from '../storage/schema.ts';
import { newUserRecord, type NewUserDeps } from '../users/new-user.ts';
import { withOneLineNames, type NewUserInput } from '../users/user-fields.ts';
import { newUserColumns } from '../users/user-rows.ts';
import { identifierTaken } from '../users/identifier-conflicts.ts';
import { userStore } from '../users/user-store.ts';
import type { UserWithSecret } from '../users/user.ts';

/** Users written per transaction: within both databases' bound-parameter limits for users' columns. */
export const USERS_PER_BATCH = 500;

export interface ImportCandidate {
  /** Where the row is in its source (1-based), for the report. */
  row: number;
  input: NewUserInput;
  /** Keep this id (a realm import with kept ids) instead of making one. */
  id?: string;
  /** What a realm import carries over as it was. */
  kept?: Partial<Pick<UserWithSecret, 'locked' | 'locked_reason' | 'signed_up' | 'last_login_at' | 'created_at'>>;
}

export interface RowFailure {
  row: number;
  code: ErrorCode | string;
  message: string;
}

export interface WrittenUser {
  candidate: ImportCandidate;
  user: UserWithSecret;
}

interface BatchResult {
  written: WrittenUser[];
  failed: RowFailure[];
}

export interface WriteOptions {
  dryRun?: boolean;
  /** Apply the realm's default roles and tenant placement to each user (not for a realm's own export, which carries its own). */
  applyRealmDefaults?: boolean;
  /** Further writes for the batch's users in its transaction (a realm import's factors, roles, memberships). */
  alongside?: (trx: Kysely<Schema>, written: WrittenUser[]) => Promise<void>;
}

export interface BulkUserWriterDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  afterInsert?: NewUserDeps['afterInsert'];
  /** Runs before the batch is written when realm defaults are applied (`afterInsert` then runs): the locks it needs. */
  beforeInsert?: NewUserDeps['beforeInsert'];
  /** Where a failed statistics refresh is told: the import it follows has succeeded all the same. */
  logger: Pick<Logger, 'warn'>;
}

const noPasswordHashing = async (): Promise<string> => {
  throw new AppError('import.plain_password', 'This import takes password hashes only; users with plain passwords go through POST …/users/import.');
};

function failureOf(row: number, error: unknown): RowFailure {
  if (!(error instanceof AppError)) throw error;
  return { row, code: error.code, message: error.message };
}

/** PostgreSQL's deadlock_detected: two batches inserting the same identifiers in crossed order. */
const deadlocked = (error: unknown) => (error as { code?: string })?.code === '40P01';

/** What the users' store answers for an identifier another user holds (it translates the unique violation). */
const TAKEN = new Set(['user.email_taken', 'user.username_taken', 'user.mobile_taken']);

/** A write that failed on something another row holds: the batch is tried row by row. */
const clashed = (error: unknown) => (error instanceof AppError && TAKEN.has(error.code)) || uniqueViolation(error) !== undefined || deadlocked(error);

const IDENTIFIERS = [
  ['email_key', 'user.email_taken', 'email'],
  ['username_key', 'user.username_taken', 'username'],
  ['mobile_key', 'user.mobile_taken', 'mobile'],
] as const;

type Columns = ReturnType<typeof newUserColumns>;

interface Checked {
  candidate: ImportCandidate;
  user: UserWithSecret;
  columns: Columns;
}

export function createBulkUserWriter(deps: BulkUserWriterDeps) {
  const { db, clock, events } = deps;

  /** The rows' identifiers (and kept ids) already in use, by the database, in one query each. */
  async function takenInDatabase(realmId: string, rows: Checked[]) {
    const taken = new Set<string>();
    for (const [column] of IDENTIFIERS) {
      const keys = rows.map((row) => row.columns[column]).filter((key): key is string => key !== null);
      for (const key of await presentKeys(db, realmId, column, keys)) taken.add(`${column}:${key}`);
    }
    // Ids are unique across the server, not only the realm.
    const keptIds = rows.filter((row) => row.candidate.id !== undefined).map((row) => row.user.id);
    for (const id of await presentKeys(db, null, 'id', keptIds)) taken.add(`id:${id}`);
    return taken;
  }

  /** Splits the rows into those free to write and those whose identifiers are taken (first one wins). */
  function claimIdentifiers(rows: Checked[], taken: Set<string>, failed: RowFailure[]): Checked[] {
    const free: Checked[] = [];
    for (const row of rows) {
      if (taken.has(`id:${row.user.id}`)) {
        failed.push({ row: row.candidate.row, code: 'import.id_taken', message: `The id ${row.user.id} is taken on this server.` });
        continue;
      }
      const clash = IDENTIFIERS.find(([column]) => row.columns[column] !== null && taken.has(`${column}:${row.columns[column]}`));
      if (clash) {
        failed.push({ row: row.candidate.row, code: clash[1], message: `Another user of this realm already has this ${clash[2]}.` });
        continue;
      }
      for (const [column] of IDENTIFIERS) if (row.columns[column] !== null) taken.add(`${column}:${row.columns[column]}`);
      taken.add(`id:${row.user.id}`);
      free.push(row);
    }
    return free;
  }

  async function insert(realm: Realm, rows: Checked[], actor: Actor, origin: RequestOrigin, options: WriteOptions): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (options.applyRealmDefaults) await deps.beforeInsert?.(trx, realm);
      await userStore.insertMany(trx, realm.id, rows.map((row) => row.user), realm.users.require_unique_emails);
      // One event for the batch, naming its users: an import of a million users is a few thousand
      // events, not a million (the per-user path records a user.created for each).
      await events.record(trx, {
        realmId: realm.id,
        type: 'users.imported',
        actor,
        origin,
        details: { count: rows.length, first_row: rows[0].candidate.row, last_row: rows.at(-1)?.candidate.row, user_ids: rows.map(({ user }) => user.id) },
      });
      if (options.applyRealmDefaults && deps.afterInsert) {
        for (const { user } of rows) await deps.afterInsert(trx, realm, user.id, actor, origin);
      }
      await options.alongside?.(trx, rows);
    });
  }

  /** One row in its own transaction: undefined when written, else why not (a deadlock is tried again). */
  async function insertAlone(realm: Realm, row: Checked, actor: Actor, origin: RequestOrigin, options: WriteOptions): Promise<Omit<RowFailure, 'row'> | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        await insert(realm, [row], actor, origin, options);
        return undefined;
      } catch (error) {
        if (deadlocked(error) && attempt < 3) continue;
        if (!clashed(error)) throw error;
        const taken = error instanceof AppError ? error : identifierTaken(error);
        if (taken) return { code: taken.code, message: taken.message };
        return { code: 'import.duplicate', message: 'Something of this user that must be unique (a passkey, a linked identity, its id) is already another user\'s.' };
      }
    }
  }

  return {
    /**
     * At the end of an import that wrote `created` users: after many, the database learns how the
     * tables look now. Never throws: the users are written whatever becomes of this.
     */
    async loaded(created: number): Promise<void> {
      if (created < MANY_ROWS) return;
      try {
        await refreshPlannerStatistics(db, ['users', 'user_tags']);
      } catch (error) {
        deps.logger.warn({ err: error }, 'the planner statistics could not be refreshed after an import; autovacuum will');
      }
    },

    /** Checks and writes up to USERS_PER_BATCH candidates; a dry run checks only. */
    async write(realm: Realm, candidates: ImportCandidate[], actor: Actor, origin: RequestOrigin, options: WriteOptions = {}): Promise<BatchResult> {
      const failed: RowFailure[] = [];
      const checked: Checked[] = [];
      for (const candidate of candidates) {
        try {
          // Another system's names may hold line breaks: made one line rather than the user refused.
          const made = await newUserRecord({ clock, hashPassword: noPasswordHashing }, realm, withOneLineNames(candidate.input), actor);
          const user = { ...made, id: candidate.id ?? made.id, ...candidate.kept };
          checked.push({ candidate, user, columns: newUserColumns(realm.id, user, realm.users.require_unique_emails) });
        } catch (error) {
          failed.push(failureOf(candidate.row, error));
        }
      }
      const free = claimIdentifiers(checked, await takenInDatabase(realm.id, checked), failed);
      if (options.dryRun || free.length === 0) return { written: options.dryRun ? free : [], failed };
      try {
        await insert(realm, free, actor, origin, options);
        return { written: free, failed };
      } catch (error) {
        if (!clashed(error)) throw error;
      }
      // Someone else took an identifier since the check (or two batches of one file crossed on
      // one, and PostgreSQL ended one of them): each row alone, so only the clashing ones fail.
      const written: WrittenUser[] = [];
      for (const row of free) {
        const outcome = await insertAlone(realm, row, actor, origin, options);
        if (outcome === undefined) written.push(row);
        else failed.push({ row: row.candidate.row, ...outcome });
      }
      return { written, failed };
    },
  };
}

export type BulkUserWriter = ReturnType<typeof createBulkUserWriter>;
