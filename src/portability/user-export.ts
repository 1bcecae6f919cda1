/**
 * A realm's users as one streamed file — JSON lines or CSV — with the fields asked for, page by page
 * (keyset pagination, so memory stays flat however many users there are). The fields are those the
 * admin API shows a user; secrets (password hashes, factors) never leave through here.
 */
export type ExportFormat = 'jsonl' | 'csv';

const PAGE_SIZE = 500;

export interface UserPages<F> {
  page(filter: F, cursor: string | undefined, limit: number): Promise<{ items: Record<string, unknown>[]; next_cursor: string | null }>;
}

/** A CSV cell: quoted per RFC 4180, and a leading = + - @ (a spreadsheet formula) defused with a quote mark. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function pick(user: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, user[field] ?? null]));
}

export async function* exportUsers<F>(source: UserPages<F>, filter: F, format: ExportFormat, fields: readonly string[]): AsyncGenerator<string> {
  if (format === 'csv') yield `${fields.map(csvCell).join(',')}\r\n`;
  let cursor: string | undefined;
  do {
    const page = await source.page(filter, cursor, PAGE_SIZE);
    const lines = page.items.map((user) => {
      const row = pick(user, fields);
      return format === 'csv' ? `${fields.map((field) => csvCell(row[field])).join(',')}\r\n` : `${JSON.stringify(row)}\n`;
    });
    if (lines.length > 0) yield lines.join('');
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}
