import type { ErrorDetail } from '../errors.ts';
import { AppError } from '../errors.ts';
import type { RegistrationField } from '../realms/realm.ts';

/**
 * The extra profile fields a realm asks for at sign-up (`users.registration.fields`), checked on
 * sign-up and whenever the user edits them, and kept in the user's `custom` under their names.
 */
export type FieldValues = Record<string, unknown>;

/** A string field without its own max_length still has one. */
const DEFAULT_MAX_LENGTH = 1000;

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function issueWith(field: RegistrationField, value: unknown): string | undefined {
  switch (field.type) {
    case 'string': {
      if (typeof value !== 'string') return 'must be a string';
      const max = field.max_length ?? DEFAULT_MAX_LENGTH;
      if (field.required && value.trim() === '') return "can't be blank";
      return [...value].length > max ? `must be at most ${max} characters` : undefined;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? undefined : 'must be a date (YYYY-MM-DD)';
  }
}

/**
 * Checks `values` against the declared fields and returns what to merge into `custom`. On sign-up
 * (`complete`) every required field must be present; a later edit may send only some. Names the
 * realm did not declare are refused, so a client cannot write arbitrary keys into `custom`.
 */
export function checkRegistrationFields(declared: RegistrationField[], values: FieldValues, options: { complete: boolean }): FieldValues {
  const issues: ErrorDetail[] = [];
  const byName = new Map(declared.map((field) => [field.name, field]));
  for (const name of Object.keys(values)) {
    if (!byName.has(name)) issues.push({ field: `fields.${name}`, issue: 'is not a field of this realm' });
  }
  const accepted: FieldValues = {};
  for (const field of declared) {
    const value = values[field.name];
    if (value === undefined || value === null) {
      if (field.required && (options.complete || value === null)) issues.push({ field: `fields.${field.name}`, issue: 'is required' });
      // An explicit null clears an optional field.
      else if (value === null && !options.complete) accepted[field.name] = null;
      continue;
    }
    const issue = issueWith(field, value);
    if (issue) issues.push({ field: `fields.${field.name}`, issue });
    else accepted[field.name] = value;
  }
  if (issues.length > 0) {
    throw new AppError('user.invalid', `The fields are invalid: ${issues.map((d) => `${d.field} ${d.issue}`).join('; ')}.`, { details: issues });
  }
  return accepted;
}

/** `custom` with a user's edit of their registration fields applied; null clears a field. */
export function withRegistrationFields(declared: RegistrationField[], custom: Record<string, unknown>, values: FieldValues): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...custom };
  for (const [name, value] of Object.entries(checkRegistrationFields(declared, values, { complete: false }))) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}
