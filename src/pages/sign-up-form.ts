/**
 * The hosted sign-up form: exactly what the realm's sign-up takes (the email; a username and a
 * mobile number as `users.registration.username` and `.mobile` say; a name; the registration
 * fields as inputs of their types; the password under its rules). A refused field says why right
 * under its input, tied to it by `aria-describedby` and marked `aria-invalid`; what was typed is
 * kept, except the passwords.
 */
import { escapeHtml } from '../http/pages/page-layout.ts';
import type { RegistrationField, SignUpIdentifierUse } from '../realms/realm.ts';
import { identifierLimits } from '../users/identifiers.ts';
import { userLimits } from '../users/user-fields.ts';
import type { FieldValues } from '../users/registration-fields.ts';
import type { AccountPage } from './account-frame.ts';
import { describedBy, fieldError, type FieldErrors } from './field-errors.ts';
import { newPasswordInputs } from './password-rules.ts';

/** The form field a registration field posts as (and the path the API names it by in its errors). */
export const registrationFieldName = (field: RegistrationField) => `fields.${field.name}`;

/** A registration field's label: the realm's own, else its name with spaces and a capital (`company_size` → "Company size"). */
export function registrationFieldLabel(field: RegistrationField): string {
  if (field.label) return field.label;
  const words = field.name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface TextInput {
  id: string;
  name: string;
  /** The words as shown, "(optional)" included where it belongs (see `labelled`). */
  label: string;
  /** Whether the API needs it (`required` on the input). */
  required: boolean;
  /** Further attributes, trusted (built here from numbers and constants). */
  attributes: string;
  hint?: string;
}

/** A label that says "(optional)" where the API does not need the field. */
const labelled = (page: AccountPage, label: string, required: boolean) => (required ? label : `${label} ${page.t('sign_up.optional')}`);

/** A label, a hint, the input with what was typed, and its error. */
function textInput(page: AccountPage, errors: FieldErrors, input: TextInput): string {
  const hint = input.hint ? `<p class="hint" id="${input.id}-hint">${escapeHtml(input.hint)}</p>` : '';
  const value = escapeHtml(page.fields.get(input.name) ?? '');
  const error = errors.get(input.name);
  return `<label for="${input.id}">${escapeHtml(input.label)}</label>${hint}<input id="${input.id}" name="${escapeHtml(input.name)}" value="${value}" ${input.attributes}${input.required ? ' required' : ''}${describedBy(input.id, error, input.hint ? [`${input.id}-hint`] : [])}>${fieldError(input.id, error)}`;
}

/** A yes-or-no field: always answered (unticked is false), so neither required nor optional. */
function checkbox(page: AccountPage, errors: FieldErrors, id: string, field: RegistrationField): string {
  const name = registrationFieldName(field);
  const error = errors.get(name);
  const checked = page.fields.get(name) === 'true' ? ' checked' : '';
  return `<div class="option-field"><label class="option" for="${id}"><input id="${id}" name="${escapeHtml(name)}" type="checkbox" value="true"${checked}${describedBy(id, error)}>${escapeHtml(registrationFieldLabel(field))}</label>${fieldError(id, error)}</div>`;
}

const FIELD_ATTRIBUTES: Record<Exclude<RegistrationField['type'], 'boolean'>, (field: RegistrationField) => string> = {
  string: (field) => `type="text" maxlength="${field.max_length ?? 1000}"`,
  number: () => 'type="number" step="any" inputmode="decimal"',
  date: () => 'type="date"',
};

function registrationInput(page: AccountPage, errors: FieldErrors, field: RegistrationField, index: number): string {
  const id = `field-${index}`;
  if (field.type === 'boolean') return checkbox(page, errors, id, field);
  const attributes = FIELD_ATTRIBUTES[field.type](field);
  const label = labelled(page, registrationFieldLabel(field), field.required);
  return textInput(page, errors, { id, name: registrationFieldName(field), label, required: field.required, attributes });
}

const uses = (use: SignUpIdentifierUse) => use !== 'off';

/** The form's inputs, in the order people expect: who they are, what the realm asks, the password. */
export function signUpInputs(page: AccountPage, errors: FieldErrors): string {
  const { t, realm } = page;
  const { registration, username_validation } = realm.users;
  const inputs = [
    textInput(page, errors, {
      id: 'email',
      name: 'email',
      label: t('sign_up.email'),
      required: true,
      attributes: `type="email" autocomplete="email" autocapitalize="none" spellcheck="false" maxlength="${identifierLimits.emailLength}"`,
    }),
  ];
  if (uses(registration.username)) {
    const kind = username_validation === 'email' ? 'type="email"' : 'type="text"';
    inputs.push(textInput(page, errors, {
      id: 'username',
      name: 'username',
      label: labelled(page, t('sign_up.username'), registration.username === 'required'),
      required: registration.username === 'required',
      attributes: `${kind} autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="${identifierLimits.usernameLength}"`,
    }));
  }
  if (uses(registration.mobile)) {
    inputs.push(textInput(page, errors, {
      id: 'mobile',
      name: 'mobile',
      label: labelled(page, t('sign_up.mobile'), registration.mobile === 'required'),
      required: registration.mobile === 'required',
      attributes: 'type="tel" autocomplete="tel" maxlength="32"',
      hint: t('sign_up.mobile_hint'),
    }));
  }
  // This label says "(optional)" in its own words.
  inputs.push(textInput(page, errors, { id: 'name', name: 'display_name', label: t('sign_up.name'), required: false, attributes: `autocomplete="name" maxlength="${userLimits.nameLength}"` }));
  inputs.push(...registration.fields.map((field, index) => registrationInput(page, errors, field, index)));
  inputs.push(newPasswordInputs(realm, t, { password: 'sign_up.password', confirm: 'sign_up.confirm' }, errors));
  return inputs.join('\n');
}

/** The registration fields' values as the sign-up service takes them; only the realm's fields are read, and an empty optional one is left out. */
export function registrationValues(page: AccountPage): FieldValues {
  const values: FieldValues = {};
  for (const field of page.realm.users.registration.fields) {
    const raw = (page.fields.get(registrationFieldName(field)) ?? '').trim();
    if (field.type === 'boolean') values[field.name] = raw === 'true';
    else if (raw !== '') values[field.name] = field.type === 'number' ? Number(raw) : raw;
  }
  return values;
}
