/**
 * What every import source yields: a row of the source as a user in the shape `POST …/users`
 * takes (checked afterwards by the route's own schema), or the reason the row could not be read.
 * Rows are numbered as the source counts them (a line, an array element, a CSV record), from 1.
 */
export type SourceRow = { row: number; user: Record<string, unknown> } | { row: number; failure: { code: string; message: string } };

export type ByteStream = AsyncIterable<Uint8Array | string>;

export const unreadable = (row: number, message: string): SourceRow => ({ row, failure: { code: 'import.unreadable_row', message } });

/** A refused hash keeps the code the user API uses for one. */
export const unsupportedHash = (row: number, message: string): SourceRow => ({ row, failure: { code: 'user.unsupported_password_hash', message } });

/** Standard base64 as passlib's "ab64" (`.` for `+`, no padding), the form its PHC-like strings use. */
export function ab64(base64: string): string {
  return base64.replace(/=+$/, '').replaceAll('+', '.');
}

/** Standard base64 without padding, as PHC strings (argon2) write salt and hash. */
export function unpadded(base64: string): string {
  return base64.replace(/=+$/, '');
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object held in a string (Keycloak's credential data, Firebase's custom claims); {} for anything else. */
export function jsonObjectIn(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** Copies the named fields that are present (not undefined) into a user record. */
export function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
