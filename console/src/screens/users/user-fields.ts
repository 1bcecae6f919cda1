/**
 * The user forms' pure parts: the custom-data JSON checked before it is sent, tags typed as text,
 * a profile's changed fields only (PATCH takes only what is given; null clears), and the API's
 * per-field complaints picked out for the field they concern.
 */
import type { ErrorDetail } from '../../api/api-error.ts';

export type CustomCheck = { ok: true; value: Record<string, unknown> } | { ok: false; reason: 'syntax' | 'not_object' | 'too_large'; message?: string };

/** The API takes an object of at most 16 KB as JSON. */
export const CUSTOM_LIMIT = 16 * 1024;

export function checkCustom(text: string): CustomCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, reason: 'syntax', message: (error as Error).message };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not_object' };
  if (new TextEncoder().encode(JSON.stringify(value)).length > CUSTOM_LIMIT) return { ok: false, reason: 'too_large' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** Tags as the operator types them (commas or new lines), trimmed, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((tag) => tag.trim()).filter(Boolean))];
}

/** The text fields of a profile form; '' means "no value" (sent as null). */
export type ProfileDraft = Record<string, string>;

/** Only the fields the operator changed, '' as null, so a PATCH never overwrites what it did not touch. */
export function changedFields(original: Record<string, unknown>, draft: ProfileDraft): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [key, text] of Object.entries(draft)) {
    const value = text.trim() === '' ? null : text.trim();
    const before = original[key] ?? null;
    if (value !== before) patch[key] = value;
  }
  return patch;
}

/** The API's complaint about one field (`details[].field` is the body's property path). */
export function fieldError(details: readonly ErrorDetail[] | undefined, field: string): string | undefined {
  return details?.find((detail) => detail.field === field || detail.field?.startsWith(`${field}.`))?.issue;
}
