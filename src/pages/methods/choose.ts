/**
 * The step after the identifier: the first factors the realm offers, as choices. Nothing on it
 * depends on an account (it is built from the realm alone), so a known and an unknown identifier
 * get the same page; each choice then answers for unknown identifiers exactly as the API does.
 */
import { escapeHtml } from '../../http/pages/page-layout.ts';
import type { FirstFactor, Realm } from '../../realms/realm.ts';
import type { MessageKey } from '../messages.ts';
import { accountLink, cancelForm, heading, whoBox, type FormContext } from '../sign-in-forms.ts';
import { hidden, notice } from './method-kit.ts';

/**
 * How each passwordless first factor appears: the sub-path its button posts to and its label.
 * The password is a form of its own above them. `passkey` is left to the passkey module
 * (branch h9-passkeys), which adds its entry here.
 */
export const FIRST_FACTOR_CHOICES: Partial<Record<FirstFactor, { action: string; label: MessageKey }>> = {
  email_otp: { action: 'code/start', label: 'methods.email_otp' },
  sms_otp: { action: 'code/start', label: 'methods.sms_otp' },
  magic_link: { action: 'link/start', label: 'methods.magic_link' },
  number_match: { action: 'link/start', label: 'methods.number_match' },
};

function passwordForm(context: FormContext, identifier: string): string {
  const { t } = context;
  return `<form method="post" action="${context.base}/password">${hidden('csrf', context.csrf)}${hidden('identifier', identifier)}
<input type="text" name="username" autocomplete="username" value="${escapeHtml(identifier)}" hidden aria-hidden="true" tabindex="-1">
<label for="password">${escapeHtml(t('sign_in.password'))}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024" autofocus>
<button type="submit">${escapeHtml(t('sign_in.submit'))}</button></form>`;
}

/** The same page for every identifier typed, known or not. */
export function choicePage(context: FormContext, realm: Realm, identifier: string, error: string | null = null): string {
  const { t, base } = context;
  const offered = realm.sign_in.first_factors;
  const withPassword = offered.includes('password');
  const choices = offered.flatMap((method) => {
    const choice = FIRST_FACTOR_CHOICES[method];
    return choice ? [{ method, ...choice }] : [];
  });
  const buttons = choices.map(({ method, action, label }) => `<button type="submit" class="secondary" name="method" value="${method}" formaction="${base}/${action}">${escapeHtml(t(label))}</button>`);
  // The form's own action is the first button's: Enter in no field, or a browser without formaction, still goes somewhere sensible.
  const alternatives = choices.length === 0 ? '' : `${withPassword ? `<p class="divider">${escapeHtml(t('methods.or'))}</p>` : ''}<form method="post" class="alternatives" action="${base}/${choices[0].action}">${hidden('csrf', context.csrf)}${hidden('identifier', identifier)}${buttons.join('')}</form>`;
  const nothing = !withPassword && choices.length === 0 ? notice(t('methods.none')) : '';
  const forgot = withPassword ? accountLink(context, 'forgot-password', 'account.forgot_link') : '';
  return `${heading(context, 'sign_in.title')}${notice(error)}${whoBox(context, identifier)}${withPassword ? passwordForm(context, identifier) : ''}${alternatives}${nothing}${forgot}${cancelForm(context)}`;
}
