/**
 * The markup of the sign-in and consent steps. Every value is escaped here; `csrf` is the form
 * field of src/pages/page-security.ts. Forms post to sub-paths of the interaction's own URL, where
 * the provider's interaction cookie reaches.
 */
import { escapeHtml } from '../http/pages/page-layout.ts';
import type { InteractionView } from '../contracts.ts';
import type { Translate } from './locale.ts';
import type { MessageKey } from './messages.ts';
import { accountPageLink } from './return-to.ts';

export interface FormContext {
  t: Translate;
  /** `/realms/{id}/interaction/{uid}` */
  base: string;
  csrf: string;
  view: InteractionView;
  /** Whether the realm lets people sign up themselves: the identifier step then links to it. */
  selfSignUp: boolean;
}

const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
const notice = (error: string | null) => (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '');
/** A link to sign-up or forgotten password, which lead back here (`base` is `/realms/{id}/interaction/{uid}`). */
const accountLink = (context: FormContext, page: 'signup' | 'forgot-password', key: MessageKey) =>
  `<p class="aside"><a href="${escapeHtml(accountPageLink(context.base.split('/')[2], page, context.base, context.view.uiLocales))}">${escapeHtml(context.t(key))}</a></p>`;

function heading(context: FormContext, titleKey: MessageKey): string {
  const { t, view } = context;
  const logo = view.client.logoUrl ? `<img src="${escapeHtml(view.client.logoUrl)}" alt="">` : '';
  return `<h1>${escapeHtml(t(titleKey))}</h1><p class="subtitle app">${logo}<span>${escapeHtml(t('sign_in.to_app', { app: view.client.name }))}</span></p>`;
}

function cancelForm(context: FormContext): string {
  return `<form method="post" action="${context.base}/cancel">${hidden('csrf', context.csrf)}<button type="submit" class="secondary">${escapeHtml(context.t('cancel'))}</button></form>`;
}

export function identifierForm(context: FormContext, identifier: string, error: string | null = null): string {
  const { t } = context;
  return `${heading(context, 'sign_in.title')}${notice(error)}<form method="post" action="${context.base}/identify">${hidden('csrf', context.csrf)}
<label for="identifier">${escapeHtml(t('sign_in.identifier'))}</label><input id="identifier" name="identifier" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="320" value="${escapeHtml(identifier)}" autofocus>
<button type="submit">${escapeHtml(t('sign_in.continue'))}</button></form>${context.selfSignUp ? accountLink(context, 'signup', 'account.sign_up_link') : ''}${cancelForm(context)}`;
}

/** The same page for every identifier typed, known or not: nothing here depends on an account. */
export function passwordForm(context: FormContext, identifier: string, error: string | null = null): string {
  const { t } = context;
  return `${heading(context, 'sign_in.title')}${notice(error)}<form method="post" action="${context.base}/password">${hidden('csrf', context.csrf)}${hidden('identifier', identifier)}
<p class="who"><span>${escapeHtml(identifier)}</span><a href="${context.base}">${escapeHtml(t('sign_in.not_you'))}</a></p>
<input type="text" name="username" autocomplete="username" value="${escapeHtml(identifier)}" hidden aria-hidden="true" tabindex="-1">
<label for="password">${escapeHtml(t('sign_in.password'))}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024" autofocus>
<button type="submit">${escapeHtml(t('sign_in.submit'))}</button></form>${accountLink(context, 'forgot-password', 'account.forgot_link')}${cancelForm(context)}`;
}

/** Codes this page takes as a second factor; passkeys and sent codes need the API's screens for now. */
export const CODE_FACTORS = ['totp', 'hotp', 'recovery_code'] as const;
export type CodeFactor = (typeof CODE_FACTORS)[number];

export function factorForm(context: FormContext, methods: CodeFactor[], error: string | null = null): string {
  const { t } = context;
  const options = methods
    .map((method, index) => `<label class="option"><input type="radio" name="method" value="${method}"${index === 0 ? ' checked' : ''}>${escapeHtml(t(`factor.${method}`))}</label>`)
    .join('');
  return `<h1>${escapeHtml(t('factor.title'))}</h1>${notice(error)}<p>${escapeHtml(t('factor.intro'))}</p><form method="post" action="${context.base}/factor">${hidden('csrf', context.csrf)}
<fieldset><legend>${escapeHtml(t('factor.method'))}</legend>${options}</fieldset>
<label for="code">${escapeHtml(t('factor.code'))}</label><input id="code" name="code" autocomplete="one-time-code" inputmode="text" autocapitalize="none" spellcheck="false" required maxlength="64" autofocus>
<button type="submit">${escapeHtml(t('factor.verify'))}</button></form>${cancelForm(context)}`;
}

const KNOWN_SCOPES = new Set(['openid', 'profile', 'email', 'phone', 'offline_access']);

export function consentForm(context: FormContext): string {
  const { t, view } = context;
  const app = view.client.name;
  const asked = view.missingScopes.length > 0 ? view.missingScopes : view.scopes;
  const items = asked
    .filter((scope) => KNOWN_SCOPES.has(scope))
    .map((scope) => `<li>${escapeHtml(t(`scope.${scope}` as MessageKey))}</li>`)
    .join('');
  const logo = view.client.logoUrl ? `<p class="app"><img src="${escapeHtml(view.client.logoUrl)}" alt="${escapeHtml(app)}"></p>` : '';
  return `${logo}<h1>${escapeHtml(t('consent.title', { app }))}</h1><p>${escapeHtml(t('consent.intro', { app }))}</p><ul class="scopes">${items}</ul>
<form method="post" action="${context.base}/consent">${hidden('csrf', context.csrf)}<button type="submit" name="decision" value="allow">${escapeHtml(t('consent.allow'))}</button>
<button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(t('consent.deny'))}</button></form>`;
}
