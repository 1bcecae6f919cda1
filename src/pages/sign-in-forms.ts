/**
 * The markup shared by the sign-in steps (heading, cancel, identifier) and the consent step; each
 * method's own forms live in src/pages/methods/. Every value is escaped here; `csrf` is the form
 * field of src/pages/page-security.ts. Forms post to sub-paths of the interaction's own URL, where
 * the provider's interaction cookie reaches.
 */
import { escapeHtml } from '../http/pages/page-layout.ts';
import type { InteractionView } from '../contracts.ts';
import type { Translate } from './locale.ts';
import type { MessageKey } from './messages.ts';
import { accountPageLink } from './return-to.ts';
import { hidden, notice } from './page-kit.ts';

export interface FormContext {
  t: Translate;
  /** `/realms/{id}/interaction/{uid}` */
  base: string;
  csrf: string;
  view: InteractionView;
  /** Whether the realm lets people sign up themselves: the identifier step then links to it. */
  selfSignUp: boolean;
}

/** A link to sign-up or forgotten password, which lead back here (`base` is `/realms/{id}/interaction/{uid}`). */
export const accountLink = (context: FormContext, page: 'signup' | 'forgot-password', key: MessageKey) =>
  `<p class="aside"><a href="${escapeHtml(accountPageLink(context.base.split('/')[2], page, context.base, context.view.uiLocales))}">${escapeHtml(context.t(key))}</a></p>`;

export function heading(context: FormContext, titleKey: MessageKey): string {
  const { t, view } = context;
  const logo = view.client.logoUrl ? `<img src="${escapeHtml(view.client.logoUrl)}" alt="">` : '';
  return `<h1>${escapeHtml(t(titleKey))}</h1><p class="subtitle app">${logo}<span>${escapeHtml(t('sign_in.to_app', { app: view.client.name }))}</span></p>`;
}

export function cancelForm(context: FormContext): string {
  return `<form method="post" action="${context.base}/cancel">${hidden('csrf', context.csrf)}<button type="submit" class="secondary">${escapeHtml(context.t('cancel'))}</button></form>`;
}

/** `passkey`: the passkey box (src/pages/methods/passkey.ts), whose passkeys the identifier field's autofill then offers. */
export function identifierForm(context: FormContext, identifier: string, error: string | null = null, passkey = ''): string {
  const { t } = context;
  return `${heading(context, 'sign_in.title')}${notice(error)}<form method="post" action="${context.base}/identify">${hidden('csrf', context.csrf)}
<label for="identifier">${escapeHtml(t('sign_in.identifier'))}</label><input id="identifier" name="identifier" autocomplete="${passkey ? 'username webauthn' : 'username'}" autocapitalize="none" spellcheck="false" required maxlength="320" value="${escapeHtml(identifier)}" autofocus>
<button type="submit">${escapeHtml(t('sign_in.continue'))}</button></form>${passkey}${context.selfSignUp ? accountLink(context, 'signup', 'account.sign_up_link') : ''}${cancelForm(context)}`;
}

/** Who is signing in, with the way back to the identifier step. */
export function whoBox(context: FormContext, identifier: string): string {
  return `<p class="who"><span>${escapeHtml(identifier)}</span><a href="${context.base}">${escapeHtml(context.t('sign_in.not_you'))}</a></p>`;
}

/** Back to the choice of methods for the same identifier (a plain form: no script, CSRF-checked). */
export function otherWaysForm(context: FormContext, identifier: string): string {
  return `<form method="post" action="${context.base}/identify">${hidden('csrf', context.csrf)}${hidden('identifier', identifier)}<button type="submit" class="secondary">${escapeHtml(context.t('methods.other'))}</button></form>`;
}

const KNOWN_SCOPES = new Set(['openid', 'profile', 'email', 'phone', 'offline_access']);

export function consentForm(context: FormContext): string {
  const { t, view } = context;
  const app = view.client.name;
  const asked = view.missingScopes.length > 0 ? view.missingScopes : view.scopes;
  const items = [
    ...(view.operatorAccess ? [`<li><strong>${escapeHtml(t('scope.operator_access'))}</strong></li>`] : []),
    ...asked.filter((scope) => KNOWN_SCOPES.has(scope)).map((scope) => `<li>${escapeHtml(t(`scope.${scope}` as MessageKey))}</li>`),
  ].join('');
  const logo = view.client.logoUrl ? `<p class="app"><img src="${escapeHtml(view.client.logoUrl)}" alt="${escapeHtml(app)}"></p>` : '';
  return `${logo}<h1>${escapeHtml(t('consent.title', { app }))}</h1><p>${escapeHtml(t('consent.intro', { app }))}</p><ul class="scopes">${items}</ul>
<form method="post" action="${context.base}/consent">${hidden('csrf', context.csrf)}<button type="submit" name="decision" value="allow">${escapeHtml(t('consent.allow'))}</button>
<button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(t('consent.deny'))}</button></form>`;
}
