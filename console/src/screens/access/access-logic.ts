/**
 * The access screens' pure logic (no Preact, no fetch), kept apart so node's test runner can check
 * it: parsing what operators type into the API's shapes, and reading the API's answers back.
 */
import type { ErrorDetail } from '../../api/api-error.ts';

/** Permissions typed one a line (or separated by commas): trimmed, blanks and duplicates dropped, order kept. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\n,]/)) {
    const value = part.trim();
    if (value) seen.add(value);
  }
  return [...seen];
}

/**
 * The API's per-field complaints keyed by the form field they belong to: `permissions.3` and
 * `includes.0` belong to `permissions` and `includes`. The first complaint of a field wins.
 */
export function fieldErrors(details: ErrorDetail[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const detail of details) {
    if (!detail.field || !detail.issue) continue;
    const field = detail.field.replace(/^body\./, '');
    const key = field.split('.')[0];
    const suffix = field.includes('.') ? `${field}: ${detail.issue}` : detail.issue;
    if (!(key in out)) out[key] = suffix;
  }
  return out;
}

export type WindowState = 'scheduled' | 'current' | 'ended';

/** Where an assignment's window stands at `now`: not started yet, in force, or over. */
export function windowState(assignment: { starts_at: string; ends_at: string | null }, now = Date.now()): WindowState {
  if (Date.parse(assignment.starts_at) > now) return 'scheduled';
  if (assignment.ends_at !== null && Date.parse(assignment.ends_at) <= now) return 'ended';
  return 'current';
}

/**
 * A `datetime-local` input's value (the operator's own clock, no zone) as the ISO instant the API
 * wants; empty is undefined (the API's default), anything unreadable is null.
 */
export function localToIso(value: string): string | undefined | null {
  if (!value.trim()) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** An instant as a `datetime-local` value in the browser's zone (minutes precision). */
export function isoToLocal(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A tenant's custom JSON as typed: an object, or the reason it is not one. */
export function parseCustom(text: string): { value: Record<string, unknown> } | { error: 'syntax' | 'not_object'; message?: string } {
  if (!text.trim()) return { value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: 'syntax', message: (error as Error).message };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'not_object' };
  return { value: parsed as Record<string, unknown> };
}

export type Capability = 'allow' | 'deny';
export interface CapabilityRow {
  name: string;
  effect: Capability;
}

/** The capability rows of the create form as the API's map; blank names are skipped, a later row wins. */
export function capabilitiesOf(rows: CapabilityRow[]): Record<string, Capability> {
  const out: Record<string, Capability> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (name) out[name] = row.effect;
  }
  return out;
}

/** A Cedar problem as the API words it (`line 5, column 10: …`), split into its place and message. */
export function problemLocation(issue: string): { line: number | null; column: number | null; message: string } {
  const match = /^line (\d+), column (\d+): ([\s\S]*)$/.exec(issue);
  if (!match) return { line: null, column: null, message: issue };
  return { line: Number(match[1]), column: Number(match[2]), message: match[3] };
}

/** The character offset of a 1-based line and column in `text` (clamped to the text). */
export function offsetOf(text: string, line: number, column = 1): number {
  const lines = text.split('\n');
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < index; i++) offset += lines[i].length + 1;
  return offset + Math.min(Math.max(column - 1, 0), lines[index].length);
}

/** A policy module's name as the API accepts it. */
export const MODULE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
