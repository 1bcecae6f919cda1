/**
 * The realm's password rules on the pages that set a password: said before the first try rather
 * than after a refusal, and a refusal of the policy said in the reader's language.
 */
import { AppError } from '../errors.ts';
import { escapeHtml } from '../http/pages/page-layout.ts';
import type { Realm } from '../realms/realm.ts';
import { describedBy, fieldError, noFieldErrors, type FieldErrors } from './field-errors.ts';
import type { Translate } from './locale.ts';
import type { MessageKey } from './messages.ts';

function passwordRules(realm: Realm, t: Translate): string {
  const policy = realm.password_policy;
  const min = String(policy.min_length);
  const rules = [policy.max_length < 1024 ? t('account.rule_length_max', { min, max: String(policy.max_length) }) : t('account.rule_length', { min })];
  if (policy.block_common) rules.push(t('account.rule_common'));
  if (policy.block_context) rules.push(t('account.rule_context', { realm: realm.name }));
  if (policy.breached.enabled) rules.push(t('account.rule_breached'));
  return `<ul class="rules" id="rules">${rules.map((rule) => `<li>${escapeHtml(rule)}</li>`).join('')}</ul>`;
}

/**
 * The new password's two fields, the rules between the first one's label and its input; a refusal
 * of either (by `password` or `confirm` in `errors`) under its input. Never filled in again.
 */
export function newPasswordInputs(realm: Realm, t: Translate, labels: { password: MessageKey; confirm: MessageKey }, errors: FieldErrors = noFieldErrors): string {
  const policy = realm.password_policy;
  const [password, confirm] = [errors.get('password'), errors.get('confirm')];
  return `<label for="password">${escapeHtml(t(labels.password))}</label>${passwordRules(realm, t)}<input id="password" name="password" type="password" autocomplete="new-password"${describedBy('password', password, ['rules'])} required minlength="${policy.min_length}" maxlength="${policy.max_length}">${fieldError('password', password)}
<label for="confirm">${escapeHtml(t(labels.confirm))}</label><input id="confirm" name="confirm" type="password" autocomplete="new-password"${describedBy('confirm', confirm)} required maxlength="${policy.max_length}">${fieldError('confirm', confirm)}`;
}

const PROBLEMS: Record<string, MessageKey> = {
  'password.too_short': 'account.password_too_short',
  'password.too_long': 'account.password_too_long',
  'password.common': 'account.password_common',
  'password.contains_identifier': 'account.password_contains_identifier',
  'password.breached': 'account.password_breached',
  'password.breach_check_unavailable': 'account.password_unchecked',
};

/** What to say when the policy refused a password; null for any other error. */
export function passwordProblem(error: unknown): MessageKey | null {
  return error instanceof AppError ? (PROBLEMS[error.code] ?? null) : null;
}
