import { sql, type SelectQueryBuilder } from 'kysely';
import { AppError } from '../errors.ts';

/**
 * Keyset pagination: the cursor carries the sort value and id of the last row served, so a page
 * costs the same however deep it is. Every list is ordered by (sort column, id) for a total order.
 */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface KeysetOrder {
  /** Column to sort by (qualified if the query joins); id breaks ties. */
  column: string;
  idColumn?: string;
  direction: 'asc' | 'desc';
  /** Whether the sort column holds numbers; defaults to true for the *_at time columns. */
  numeric?: boolean;
}

type Cursor = [string | number, string, string];

function encode(value: Cursor): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Whether a sort value fits every column it can be compared with on both databases: numbers are
 * whole and within a bigint (1.5, 1e20 and 1e400 are not), text has no NUL nor unpaired surrogate.
 */
function storable(value: string | number): boolean {
  return typeof value === 'number' ? Number.isSafeInteger(value) : !value.includes('\u0000') && value.isWellFormed();
}

function decode(cursor: string, order: KeysetOrder): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      (typeof value[0] === 'string' || typeof value[0] === 'number') &&
      typeof value[1] === 'string' &&
      value[2] === `${order.column}:${order.direction}` &&
      // A forged cursor must not reach the database with a value it would refuse (a 500).
      (typeof value[0] === 'number') === (order.numeric ?? /(^|_)at$/.test(order.column)) &&
      storable(value[0]) &&
      storable(value[1])
    ) {
      return value as Cursor;
    }
  } catch {
    // fall through to the refusal below
  }
  throw new AppError('request.invalid_cursor', 'cursor is not one this list issued (it may belong to another sort order)', {
    details: [{ field: 'cursor', issue: 'is invalid' }],
  });
}

export async function paginate<DB, TB extends keyof DB, O, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  order: KeysetOrder,
  page: PageRequest,
  map: (row: O) => T,
  sortValue: (row: O) => string | number,
  idOf: (row: O) => string,
): Promise<Page<T>> {
  const column = sql.ref(order.column);
  const idColumn = sql.ref(order.idColumn ?? 'id');
  const op = order.direction === 'asc' ? sql.raw('>') : sql.raw('<');
  let q = query;
  if (page.cursor) {
    const [value, id] = decode(page.cursor, order);
    q = q.where(sql<boolean>`(${column} ${op} ${value} or (${column} = ${value} and ${idColumn} ${op} ${id}))`);
  }
  const dir = order.direction === 'asc' ? sql.raw('asc') : sql.raw('desc');
  const rows = await q
    .orderBy(sql`${column} ${dir}`)
    .orderBy(sql`${idColumn} ${dir}`)
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const served = more ? rows.slice(0, page.limit) : rows;
  const last = served[served.length - 1];
  return {
    items: served.map(map),
    next_cursor: more && last ? encode([sortValue(last), idOf(last), `${order.column}:${order.direction}`]) : null,
  };
}
