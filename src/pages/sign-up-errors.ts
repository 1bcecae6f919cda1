/**
 * The sign-up service's refusals as the page's per-field messages. The API names each refused
 * field (`email`, `username`, `mobile`, `fields.<name>`) with an English issue; the page says its
 * own words, in the reader's language, chosen by the field and what kind of refusal it is. An
 * address that already has an account is no refusal at all (the service answers as for a new one).
 */
import { AppError, type ErrorDetail } from '../errors.ts';
import type { Realm } from '../realms/realm.ts';
import type { Translate } from './locale.ts';
import type { FieldErrors } from './field-errors.ts';
import { USERNAME_OTHER_ADDRESS } from '../accounts/sign-up.ts';
import { passwordProblem } from './password-rules.ts';
import { registrationFieldName } from './sign-up-form.ts';

const REQUIRED = new Set(['is required', "can't be blank"]);

function messageFor(realm: Realm, t: Translate, detail: ErrorDetail): string | undefined {
  if (REQUIRED.has(detail.issue)) return t('sign_up.required');
  if (detail.field === 'email') return t('sign_up.email_invalid');
  if (detail.field === 'username' && detail.issue === USERNAME_OTHER_ADDRESS) return t('sign_up.username_other_address');
  if (detail.field === 'username') return t(realm.users.username_validation === 'email' ? 'sign_up.username_email' : 'sign_up.username_invalid');
  if (detail.field === 'mobile') return t('sign_up.mobile_invalid');
  const field = realm.users.registration.fields.find((candidate) => registrationFieldName(candidate) === detail.field);
  switch (field?.type) {
    case 'string':
      return t('sign_up.too_long', { max: String(field.max_length ?? 1000) });
    case 'number':
      return t('sign_up.not_number');
    case 'date':
      return t('sign_up.not_date');
    default:
      // A boolean is always answered; any other field is not one of this form's.
      return undefined;
  }
}

const TAKEN: Record<string, { field: string; key: 'sign_up.username_taken' | 'sign_up.mobile_taken' }> = {
  'user.username_taken': { field: 'username', key: 'sign_up.username_taken' },
  'user.mobile_taken': { field: 'mobile', key: 'sign_up.mobile_taken' },
};

/** The messages by form field for a refusal of the form's input; null when the error is not one (to be handled elsewhere). */
export function signUpFieldErrors(realm: Realm, t: Translate, error: unknown): FieldErrors | null {
  if (!(error instanceof AppError)) return null;
  const problem = passwordProblem(error);
  if (problem) return new Map([['password', t(problem)]]);
  const taken = TAKEN[error.code];
  if (taken) return new Map([[taken.field, t(taken.key)]]);
  if (error.code !== 'user.invalid') return null;
  const errors = new Map<string, string>();
  for (const detail of error.details) {
    const message = messageFor(realm, t, detail);
    if (message !== undefined && !errors.has(detail.field)) errors.set(detail.field, message);
  }
  return errors;
}
