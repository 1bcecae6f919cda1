/**
 * The step after the identifier: the first factors the realm offers, as choices. Nothing on it
 * depends on an account (it is built from the realm alone), so a known and an unknown identifier
 * get the same page; each choice then answers for unknown identifiers exactly as the API does.
 * A passkey is discoverable and ignores the identifier (src/pages/methods/passkey.ts).
 */
import type { FastifyReply } from 'fastify';
import type { AppError } from '../../errors.ts';
import { escapeHtml } from '../../http/pages/page-layout.ts';
import type { FirstFactor, Realm } from '../../realms/realm.ts';
import type { MessageKey } from '../messages.ts';
import { accountLink, cancelForm, heading, whoBox, type FormContext } from '../sign-in-forms.ts';
import { hidden, notice } from '../page-kit.ts';
import { signInProblem, statusOf, type PageKit, type Request, type Step } from './method-kit.ts';
import type { PasskeyLook } from './passkey.ts';

/**
 * How each passwordless first factor appears: the sub-path its button posts to and its label.
 * The password is a form of its own above them; a passkey, which needs a script, is a box of its
 * own below them (see `passkeyLook`).
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

const choicesOf = (realm: Realm) =>
  realm.sign_in.first_factors.flatMap((method) => {
    const choice = FIRST_FACTOR_CHOICES[method];
    return choice ? [{ method, ...choice }] : [];
  });

/** Where the passkey box sits: below the password after "or", among the other buttons, or alone. */
function passkeyLook(realm: Realm): PasskeyLook {
  if (choicesOf(realm).length > 0) return { divider: 'none' };
  return realm.sign_in.first_factors.includes('password') ? { divider: 'before' } : { divider: 'none', alone: true };
}

/** The same page for every identifier typed, known or not. `passkey`: the passkey box, if offered. */
export function choicePage(context: FormContext, realm: Realm, identifier: string, error: string | null = null, passkey = ''): string {
  const { t, base } = context;
  const withPassword = realm.sign_in.first_factors.includes('password');
  const choices = choicesOf(realm);
  const buttons = choices.map(({ method, action, label }) => `<button type="submit" class="secondary" name="method" value="${method}" formaction="${base}/${action}">${escapeHtml(t(label))}</button>`);
  // The form's own action is the first button's: Enter in no field, or a browser without formaction, still goes somewhere sensible.
  const alternatives = choices.length === 0 ? '' : `${withPassword ? `<p class="divider">${escapeHtml(t('methods.or'))}</p>` : ''}<form method="post" class="alternatives" action="${base}/${choices[0].action}">${hidden('csrf', context.csrf)}${hidden('identifier', identifier)}${buttons.join('')}</form>`;
  const nothing = !withPassword && choices.length === 0 && !passkey ? notice(t('methods.none')) : '';
  const forgot = withPassword ? accountLink(context, 'forgot-password', 'account.forgot_link') : '';
  return `${heading(context, 'sign_in.title')}${notice(error)}${whoBox(context, identifier)}${withPassword ? passwordForm(context, identifier) : ''}${alternatives}${passkey}${nothing}${forgot}${cancelForm(context)}`;
}

/** The choice page, with a passkey offered when the realm signs in with one; `refused`: why the last try failed. */
export async function showChoices(kit: PageKit, request: Request, reply: FastifyReply, step: Step, identifier: string, refused?: AppError): Promise<FastifyReply> {
  const passkey = await kit.passkey(request, step, passkeyLook(step.realm));
  const page = choicePage(step.form, step.realm, identifier, refused ? step.t(signInProblem(refused)) : null, passkey);
  return kit.show(reply, step, 'sign_in.title', page, refused ? statusOf(refused) : 200);
}
