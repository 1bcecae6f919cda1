import { AppError, type ErrorDetail } from '../errors.ts';

/**
 * Text no database may receive: PostgreSQL cannot store NUL in text, and refuses an unpaired UTF-16
 * surrogate (which JSON's `\ud800` escapes can produce) in jsonb. Every route refuses both up front,
 * in bodies, query strings and path parameters, so both databases answer alike.
 */
function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (!text.isWellFormed()) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

/** A key made printable for an error detail (its bad characters dropped). */
function printable(key: string): string {
  return key.replaceAll('\u0000', '').toWellFormed().replaceAll('\ufffd', '');
}

/** Whether a parsed JSON value holds unstorable text anywhere: the check every request makes, so it builds no paths. */
function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return problemOf(value) !== undefined;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsUnstorableText);
  for (const key in value) {
    if (Object.hasOwn(value, key) && (problemOf(key) !== undefined || holdsUnstorableText((value as Record<string, unknown>)[key]))) return true;
  }
  return false;
}

/** The fields (with their paths) whose strings or object keys hold unstorable text, in a parsed JSON value. */
export function unstorableFields(value: unknown, path = '', found: ErrorDetail[] = []): ErrorDetail[] {
  return holdsUnstorableText(value) ? fieldsWithUnstorableText(value, path, found) : found;
}

function fieldsWithUnstorableText(value: unknown, path: string, found: ErrorDetail[]): ErrorDetail[] {
  if (typeof value === 'string') {
    const issue = problemOf(value);
    if (issue) found.push({ field: path || '(body)', issue });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => fieldsWithUnstorableText(item, path ? `${path}.${i}` : String(i), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${printable(key)}` : printable(key);
      const issue = problemOf(key);
      if (issue) found.push({ field, issue });
      else fieldsWithUnstorableText(item, field, found);
    }
  }
  return found;
}

/** The one refusal for unstorable text, wherever it came in. */
export function unstorableTextError(details: ErrorDetail[]): AppError {
  return new AppError('request.validation_failed', 'Text must not contain NUL characters or unpaired UTF-16 surrogates.', { details });
}

/**
 * Whether a JSON text nests arrays and objects more than `max` levels deep, counted on the raw text
 * in one loop, before anything parses or walks it recursively (a deep enough body would overflow
 * the stack of a recursive walk, a 500).
 */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
