/**
 * A form's refusals per field: the message under the input, tied to it for assistive technology
 * (`aria-describedby`, `aria-invalid`), so each field says what is wrong with it.
 */
import { escapeHtml } from '../http/pages/page-layout.ts';

/** Messages (plain text, in the page's language) by the form field's name. */
export type FieldErrors = ReadonlyMap<string, string>;

export const noFieldErrors: FieldErrors = new Map();

/** The input's attributes naming what describes it (hints, then its error) and whether it was refused. */
export function describedBy(id: string, error: string | undefined, hints: readonly string[] = []): string {
  const ids = error === undefined ? hints : [...hints, `${id}-error`];
  return `${ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : ''}${error === undefined ? '' : ' aria-invalid="true"'}`;
}

/** The message under a refused input; nothing for one that was not refused. */
export const fieldError = (id: string, error: string | undefined) => (error === undefined ? '' : `<p class="field-error" id="${id}-error">${escapeHtml(error)}</p>`);
