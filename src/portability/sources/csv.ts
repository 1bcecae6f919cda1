/**
 * CSV with a header row and a column mapping: `field=Column` pairs name, for each user field, the
 * column it comes from (`custom.<name>` puts a column in `custom`). Booleans read `true`/`false`,
 * `1`/`0`, `yes`/`no`; tags are separated by `;`; an empty cell is an absent field. Records are
 * parsed by csv-parse (RFC 4180: quoted fields, embedded line breaks), numbered from the first
 * data record.
 */
import { Readable } from 'node:stream';
import { AppError } from '../../errors.ts';
import { setOwn } from '../../platform/own-keys.ts';
import { unreadable, type ByteStream, type SourceRow } from './source.ts';
import { utf8Checked } from './utf8-checked.ts';

const TEXT_FIELDS = ['email', 'username', 'mobile', 'first_name', 'middle_name', 'last_name', 'display_name', 'state', 'user_type', 'password_hash'];
const BOOLEAN_FIELDS = ['email_verified', 'mobile_verified'];
const CUSTOM = /^custom\.([A-Za-z0-9_.-]{1,100})$/;

type ColumnMapping = Map<string, string>;

/** `email=Email Address,first_name=First` as a mapping; unknown fields are refused whole. */
export function parseColumnMapping(text: string): ColumnMapping {
  const mapping: ColumnMapping = new Map();
  for (const pair of text.split(',').filter((p) => p.trim() !== '')) {
    const at = pair.indexOf('=');
    const field = pair.slice(0, at).trim();
    const column = pair.slice(at + 1).trim();
    if (at < 1 || column === '' || !(TEXT_FIELDS.includes(field) || BOOLEAN_FIELDS.includes(field) || field === 'tags' || CUSTOM.test(field))) {
      throw new AppError('import.invalid_options', `The column mapping "${pair.trim()}" is not field=Column with a user field (${[...TEXT_FIELDS, ...BOOLEAN_FIELDS, 'tags', 'custom.<name>'].join(', ')}).`);
    }
    mapping.set(field, column);
  }
  if (mapping.size === 0) throw new AppError('import.invalid_options', 'A CSV import needs a column mapping (field=Column,…).');
  return mapping;
}

function booleanOf(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(lower)) return true;
  if (['false', '0', 'no'].includes(lower)) return false;
  return undefined;
}

/** Where each mapped field comes from in a record, and how its cell is read: worked out once, from the header. */
interface MappedColumn {
  field: string;
  column: string;
  index: number;
  kind: 'text' | 'boolean' | 'tags' | 'custom';
  /** The attribute's name in `custom`, for a custom field. */
  name: string;
}

function planOf(mapping: ColumnMapping, header: string[]): MappedColumn[] {
  return [...mapping].map(([field, column]) => {
    const custom = CUSTOM.exec(field)?.[1];
    const kind = custom ? 'custom' : field === 'tags' ? 'tags' : BOOLEAN_FIELDS.includes(field) ? 'boolean' : 'text';
    return { field, column, index: header.indexOf(column), kind, name: custom ?? field };
  });
}

function userOf(cells: string[], plan: MappedColumn[], row: number): SourceRow {
  const user: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const { field, column, index, kind, name } of plan) {
    const cell = cells[index];
    if (cell === undefined || cell === '') continue;
    if (kind === 'custom') setOwn(custom, name, cell);
    else if (kind === 'tags') user.tags = cell.split(';').map((t) => t.trim()).filter(Boolean);
    else if (kind === 'boolean') {
      const value = booleanOf(cell);
      if (value === undefined) return unreadable(row, `has "${cell}" in ${column}, which is not true or false`);
      user[field] = value;
    } else user[field] = cell;
  }
  if (Object.keys(custom).length > 0) user.custom = custom;
  return { row, user };
}

export async function* csvRows(body: ByteStream, mapping: ColumnMapping): AsyncGenerator<SourceRow> {
  // Imported here: only an import reads CSV, and a server that never imports need not hold the parser.
  const { parse } = await import('csv-parse');
  // compose, not pipe: a body that fails (a client gone mid-upload) must reach the loop below as
  // an error, not be an 'error' event nobody listens to, which ends the process.
  const records = Readable.from(utf8Checked(body)).compose(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024 }));
  let header: string[] | undefined;
  let plan: MappedColumn[] = [];
  let row = 0;
  try {
    for await (const cells of records as AsyncIterable<string[]>) {
      if (!header) {
        header = cells;
        const missing = [...mapping.values()].filter((column) => !header?.includes(column));
        if (missing.length > 0) throw new AppError('import.invalid_options', `The CSV header has no column ${missing.map((c) => `"${c}"`).join(', ')}.`);
        plan = planOf(mapping, header);
        continue;
      }
      row++;
      if (cells.length !== header.length) {
        yield unreadable(row, `has ${cells.length} fields where the header has ${header.length}`);
        continue;
      }
      yield userOf(cells, plan, row);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('import.malformed_document', `The CSV cannot be read after record ${row} (${(error as Error).message}).`);
  }
}
