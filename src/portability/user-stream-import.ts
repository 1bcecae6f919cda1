/**
 * Imports users from a file of another system (or Keyrealm's own JSON lines) as it streams in:
 * the source turns rows into users, each is checked against the user schema, and the bulk writer
 * writes them a batch at a time. Memory stays flat at any size; the report lists every refused
 * row (up to a cap) with the code and message creating that user alone would have answered.
 */
import { AppError } from '../errors.ts';
import type { Actor, RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import type { NewUserInput } from '../users/user-fields.ts';
import { USERS_PER_BATCH, type BulkUserWriter, type ImportCandidate, type RowFailure } from './bulk-user-writer.ts';
import { auth0Rows } from './sources/auth0.ts';
import { csvRows, parseColumnMapping } from './sources/csv.ts';
import { firebaseRows, type FirebaseHashConfig } from './sources/firebase.ts';
import { keyrealmRows } from './sources/json-lines.ts';
import { keycloakRows } from './sources/keycloak.ts';
import type { ByteStream, SourceRow } from './sources/source.ts';

export const importSources = ['keyrealm', 'keycloak', 'auth0', 'firebase', 'csv'] as const;
export type ImportSource = (typeof importSources)[number];

const BATCHES_IN_FLIGHT = 4;

/** The report lists at most this many refused rows; `failed` counts them all. */
export const MAX_REPORTED_FAILURES = 1000;

/**
 * Counts every refused row and keeps the MAX_REPORTED_FAILURES lowest-numbered of them in the
 * report, in row order. Batches written at once finish in any order, so a failure may come after
 * later rows' failures: it goes in its place (mostly at the end, found by a binary search).
 */
export function recordFailure(report: { failed: number; failures: RowFailure[]; failures_truncated: boolean }): (failure: RowFailure) => void {
  const { failures } = report;
  return (failure) => {
    report.failed++;
    let low = 0;
    for (let high = failures.length; low < high; ) {
      const middle = (low + high) >>> 1;
      if (failures[middle].row <= failure.row) low = middle + 1;
      else high = middle;
    }
    if (low >= MAX_REPORTED_FAILURES) {
      report.failures_truncated = true;
      return;
    }
    failures.splice(low, 0, failure);
    if (failures.length > MAX_REPORTED_FAILURES) {
      failures.pop();
      report.failures_truncated = true;
    }
  };
}

/** Checks a row against the user schema the API uses: the input, or why it is refused. */
export type UserRowCheck = (user: Record<string, unknown>) => { ok: true; input: NewUserInput } | { ok: false; code: string; message: string };

export interface StreamImportOptions {
  source: ImportSource;
  dryRun: boolean;
  /** CSV: `field=Column,…`. */
  columns?: string;
  firebase?: FirebaseHashConfig;
}

export interface StreamImportReport {
  dry_run: boolean;
  rows: number;
  created: number;
  failed: number;
  failures: RowFailure[];
  failures_truncated: boolean;
}

function rowsOf(body: ByteStream, options: StreamImportOptions): AsyncGenerator<SourceRow> {
  switch (options.source) {
    case 'keyrealm':
      return keyrealmRows(body);
    case 'keycloak':
      return keycloakRows(body);
    case 'auth0':
      return auth0Rows(body);
    case 'firebase':
      return firebaseRows(body, options.firebase);
    case 'csv':
      if (options.columns === undefined) throw new AppError('import.invalid_options', 'A CSV import needs a column mapping (columns=field=Column,…).');
      return csvRows(body, parseColumnMapping(options.columns));
  }
}

/** A file that breaks off part way: the rows before the break are written, and the refusal says how many and where to go on. */
function brokenOff(error: unknown, report: StreamImportReport): unknown {
  if (!(error instanceof AppError) || report.created === 0 || report.dry_run) return error;
  return new AppError(error.code, `${error.message} The ${report.created} users of the ${report.rows} rows before it were created; import the rest from row ${report.rows + 1} on.`, {
    details: [{ field: 'created', issue: String(report.created) }],
  });
}

export function createStreamImport(deps: { writer: BulkUserWriter; checkRow: UserRowCheck }) {
  return {
    async importStream(realm: Realm, body: ByteStream, options: StreamImportOptions, actor: Actor, origin: RequestOrigin): Promise<StreamImportReport> {
      const report: StreamImportReport = { dry_run: options.dryRun, rows: 0, created: 0, failed: 0, failures: [], failures_truncated: false };
      const fail = recordFailure(report);
      let batch: ImportCandidate[] = [];
      // Up to four batches are written at once: on PostgreSQL they run on four of the pool's
      // connections while the next is read and checked (measured: 11,100 → 12,500 users/s over
      // two); SQLite runs them one after the other on its one connection.
      const writing = new Set<Promise<void>>();
      // A write that fails is kept here when it settles, whoever is waiting then (or nobody), so
      // the import stops and answers with it instead of reporting its rows as neither written nor refused.
      let writeFailure: { error: unknown } | undefined;
      const write = async (candidates: ImportCandidate[]) => {
        try {
          const result = await deps.writer.write(realm, candidates, actor, origin, { dryRun: options.dryRun, applyRealmDefaults: true });
          report.created += result.written.length;
          result.failed.forEach(fail);
        } catch (error) {
          writeFailure ??= { error };
        }
      };
      const flush = async () => {
        if (batch.length > 0) {
          const pending = write(batch);
          writing.add(pending);
          void pending.finally(() => writing.delete(pending));
          batch = [];
        }
        if (writing.size >= BATCHES_IN_FLIGHT) await Promise.race(writing);
        if (writeFailure) throw writeFailure.error;
      };
      const settle = async () => {
        // Every write ends before the answer (or the refusal) goes out.
        await Promise.all([...writing]);
        if (writeFailure) throw writeFailure.error;
      };
      // A file that breaks off part way: the rows read before the break are still written, and
      // the refusal says where to go on. A failing write stops the import at once.
      let broken: unknown;
      const rows = rowsOf(body, options)[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<SourceRow>;
          try {
            next = await rows.next();
          } catch (error) {
            broken = error;
            break;
          }
          if (next.done) break;
          const item = next.value;
          report.rows++;
          if ('failure' in item) {
            fail({ row: item.row, ...item.failure });
            continue;
          }
          const checked = deps.checkRow(item.user);
          if (!checked.ok) fail({ row: item.row, code: checked.code, message: checked.message });
          else batch.push({ row: item.row, input: checked.input });
          if (batch.length >= USERS_PER_BATCH) await flush();
        }
        await flush();
      } finally {
        try {
          await settle();
        } finally {
          // Also after a write failed or the file broke off: the batches before it are written.
          if (!options.dryRun) await deps.writer.loaded(report.created);
        }
      }
      if (broken !== undefined) throw brokenOff(broken, report);
      return report;
    },
  };
}

export type StreamImport = ReturnType<typeof createStreamImport>;
