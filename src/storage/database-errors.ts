/**
 * Database failures that are not the request's fault nor a bug: the database is busy, restarting
 * or out of reach. They are worth a retry, so clients get 503 with Retry-After rather than a 500.
 */
const UNAVAILABLE_POSTGRES = new Set([
  '08000', // connection_exception
  '08001', // could not connect
  '08003', // connection does not exist
  '08006', // connection failure
  '40001', // serialization failure: a concurrent transaction won; retrying succeeds
  '40P01', // deadlock detected (write paths lock in one order, src/authorization/write-locks.ts; a retry succeeds)
  '53300', // too many connections
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up)
]);
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/** pg-pool's own errors, which carry no code: no connection within the wait the pool was given (src/storage/database.ts). */
const POOL_WAIT_EXCEEDED = new Set(['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes: another process held on too long.
  if (typeof errcode === 'number' && [5, 6].includes(errcode & 0xff)) return true;
  if (typeof code === 'string') return UNAVAILABLE_POSTGRES.has(code) || UNAVAILABLE_NETWORK.has(code);
  return error instanceof Error && POOL_WAIT_EXCEEDED.has(error.message);
}

/**
 * PostgreSQL refusing text it cannot store (NUL in a query string, say, or an unpaired surrogate
 * in jsonb): the client's input. Every path checks such text before it writes; this keeps one
 * that does not from answering 500. Other invalid representations (22P02 for a number) stay faults.
 */
export function isUnstorableText(error: unknown): boolean {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown };
  return code === '22P05' || code === '22021' || (code === '22P02' && typeof detail === 'string' && /surrogate/i.test(detail));
}

/**
 * A row the write refers to was deleted by another request while this one ran (a user removed, a
 * realm reset, while their factor or event was being written): a conflict to retry, not a fault.
 * PostgreSQL 23503; SQLite SQLITE_CONSTRAINT_FOREIGNKEY (787).
 */
export function isVanishedReference(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  return code === '23503' || errcode === 787;
}
