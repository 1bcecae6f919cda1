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
 *
 * Statement names live in the connection, so a pooler that hands one client's statements to
 * another connection (PgBouncer in transaction mode before 1.21, or without `max_prepared_statements`)
 * needs them off: `KEYREALM_DATABASE_PREPARED_STATEMENTS=off`.
 */
const names = new Map<string, string>();

/** Names the SQL of a template compiled for PostgreSQL, unless it selects `*`. Idempotent. */
export function nameStatement(sql: string): void {
  if (sql.includes('*') || names.has(sql)) return;
  names.set(sql, `keyrealm_${names.size + 1}`);
}

/** The name `sql` runs under, if it is one of the named statements. */
export function statementName(sql: string): string | undefined {
  return names.get(sql);
}

/**
 * The driver's client class, sending named statements by name. Kysely calls `query(sql, values)`;
 * everything else (transactions' BEGIN, cursors, configuration objects) passes through unchanged.
 */
export function namingClient(Client: typeof pg.Client): typeof pg.Client {
  class NamingClient extends Client {}
  const query = Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  // Assigned rather than declared: pg types `query` as a dozen overloads, which one body cannot match.
  NamingClient.prototype.query = function namedQuery(this: pg.Client, ...args: unknown[]) {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? statementName(text) : undefined;
    return name === undefined ? query.apply(this, args) : query.call(this, { name, text, values }, callback);
  } as pg.Client['query'];
  return NamingClient;
}
