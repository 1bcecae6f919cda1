import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * PostgreSQL prepared statements for the hot-path queries `prepared()` builds (src/storage/prepared.ts).
 * Sent unnamed, every execution is parsed, analysed and planned anew: for a primary-key lookup that
 * is most of what the server does, and it cost a refresh about a third of its database time. A
 * named statement is parsed once per connection; later executions bind values to it, and
 * PostgreSQL keeps a generic plan once it sees custom plans are no better.
 *
 * Only SQL without `*` is named. PostgreSQL refuses to run a prepared statement whose result columns
 * changed ("cached plan must not change result type"), and `select *` changes when a newer release
 * adds a column: instances still running the previous release, as an upgrade one at a time keeps
 * them, would fail until reconnected. A statement that names its columns is unaffected by added ones.
 * Changing a column's type in place would break it the same way; migrations here never do that
 * (they add a column and drop the old one a release later).
 *
 * Statement names live in the connection, so a pooler that hands one client's statements to
 * another server connection (PgBouncer in transaction mode before 1.21 or without
 * `max_prepared_statements`, and any other pooler that does not track named statements) needs
 * them off: `KEYREALM_DATABASE_PREPARED_STATEMENTS=off`.
 */
const names = new Map<string, string>();

/**
 * Names the SQL of a template compiled for PostgreSQL, unless it selects `*`. The name is the SQL's
 * hash, the same in every process and release: numbered in order of first use, one process's
 * `keyrealm_3` could be another's different query, and a pooler that mixes them up would run the
 * wrong one without an error. By hash, a mix-up can only fail ("does not exist").
 */
export function nameStatement(sql: string): void {
  if (sql.includes('*') || names.has(sql)) return;
  names.set(sql, `keyrealm_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
}

/** PostgreSQL's SQLSTATE for a statement name the connection does not have. */
const UNKNOWN_STATEMENT = '26000';

/**
 * The driver's client class, sending named statements by name. Kysely calls `query(sql, values)`;
 * everything else (transactions' BEGIN, cursors, configuration objects) passes through unchanged.
 * When the server no longer has a statement the driver believes it prepared (pg closes one whose
 * values failed to encode, yet remembers it as parsed), that query fails and the driver forgets
 * it, so the connection's next use prepares it again instead of failing for good.
 */
export function namingClient(Client: typeof pg.Client): typeof pg.Client {
  class NamingClient extends Client {}
  const query = Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  // Assigned rather than declared: pg types `query` as a dozen overloads, which one body cannot match.
  NamingClient.prototype.query = function namedQuery(this: pg.Client, ...args: unknown[]) {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? names.get(text) : undefined;
    if (name === undefined) return query.apply(this, args);
    const result = query.call(this, { name, text, values }, callback);
    if (!(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      if ((error as { code?: string }).code === UNKNOWN_STATEMENT) delete parsedStatements(this)[name];
      throw error;
    });
  } as pg.Client['query'];
  return NamingClient;
}

/** The driver's record of the statements it prepared on the connection (pg keeps no public one). */
function parsedStatements(client: pg.Client): Record<string, string> {
  return (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
}
