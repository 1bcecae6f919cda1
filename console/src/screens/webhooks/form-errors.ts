/**
 * The API's per-field complaints (`details: [{ field, issue }]`) keyed by field, so a form shows each
 * next to its field; `rest` keeps what names no field the form has.
 */
import { ApiError } from '../../api/api-error.ts';

export function fieldErrors(error: Error | null | undefined, fields: readonly string[]): { byField: Record<string, string>; rest: boolean } {
  const byField: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { byField, rest: !!error };
  let rest = error.details.length === 0;
  for (const detail of error.details) {
    const field = detail.field ?? '';
    const known = fields.find((name) => field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`));
    if (known && detail.issue) byField[known] = byField[known] ? `${byField[known]}; ${detail.issue}` : detail.issue;
    else rest = true;
  }
  return { byField, rest };
}
