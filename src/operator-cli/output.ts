import { UNSAFE_CHARACTERS } from '../platform/display-text.ts';

/**
 * How results are printed: with `--json`, exactly one JSON document (or one JSON object per line for
 * lists and live tails), for scripts; otherwise aligned tables and short sentences, for people.
 */
export interface Output {
  json: boolean;
  /** A single result: JSON, or `key  value` lines. */
  item(value: Record<string, unknown>): void;
  /** A list: JSON lines, or a table of the given columns. */
  list(rows: Record<string, unknown>[], columns: string[]): void;
  /** One more row of a stream (a tail): a JSON line, or `format`'s line. */
  streamed(value: Record<string, unknown>, format: (value: Record<string, unknown>) => string): void;
  /** A sentence for people (one line: it holds names the server sent); with --json, the given document instead (or nothing). */
  done(sentence: string, document?: unknown): void;
}

const ESCAPED = new RegExp(UNSAFE_CHARACTERS.source, 'g');

/**
 * Text for a terminal: control characters (escape sequences that retitle the window, recolour or
 * move the cursor, line breaks), line and paragraph separators, and bidirectional embeddings,
 * overrides and isolates (which reorder what follows them on screen) shown as `\u{…}`, since the
 * values are what users and strangers typed (names, user agents). JSON output escapes them itself.
 */
export function printable(text: string): string {
  return text.replace(ESCAPED, (char) => `\\u{${char.charCodeAt(0).toString(16)}}`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return printable(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((row) => columns.map((column) => cell(row[column]).replace(/\s+/g, ' ')));
  const widths = columns.map((column, i) => Math.min(60, Math.max(column.length, ...cells.map((line) => line[i].length))));
  const line = (values: string[]) => values.map((value, i) => (value.length > widths[i] ? `${value.slice(0, widths[i] - 1)}…` : value.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns.map((column) => column.toUpperCase())), ...cells.map(line)].join('\n');
}

export function createOutput(json: boolean, write: (text: string) => void = (text) => process.stdout.write(text)): Output {
  return {
    json,
    item(value) {
      if (json) return write(`${JSON.stringify(value)}\n`);
      const width = Math.max(...Object.keys(value).map((key) => key.length));
      write(`${Object.entries(value).map(([key, entry]) => `${key.padEnd(width)}  ${cell(entry)}`).join('\n')}\n`);
    },
    list(rows, columns) {
      if (json) return write(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      write(rows.length === 0 ? '(none)\n' : `${table(rows, columns)}\n`);
    },
    streamed(value, format) {
      write(json ? `${JSON.stringify(value)}\n` : `${printable(format(value))}\n`);
    },
    done(sentence, document) {
      if (!json) return write(`${printable(sentence)}\n`);
      if (document !== undefined) write(`${JSON.stringify(document)}\n`);
    },
  };
}
