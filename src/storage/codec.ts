import type { Bool, Json } from './schema.ts';

/** Reads a JSON column from either dialect: PostgreSQL parses jsonb, SQLite returns text. */
export function readJson<T>(value: Json | null): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Both dialects accept JSON text for a JSON column. */
export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}

export function readBool(value: Bool): boolean {
  return value === true || value === 1;
}
